#!/usr/bin/env bash
# Synthesises every sound in assets/audio/ from the parameters below.
#
#   bash scripts/make-audio.sh            # from the repository root
#
# Needs: sox, ffmpeg (with libvorbis and libmp3lame), awk.
#   Debian/Ubuntu: apt-get install -y sox libsox-fmt-all ffmpeg
#
# Writes, for each sound, NAME.webm (Vorbis in WebM) and NAME.mp3 (fallback):
#   room-tone    seamless ambient loop
#   choice       soft short tone when the trainee picks a response
#   rupture-cue  low soft swell (practice mode only)
#   session-end  two-note chime
#
# The output is the same on every run: noise uses sox's fixed seed (-R) and the
# encoders run in bit-exact mode. At the end the script decodes every file it
# wrote, measures it, prints a table, and fails if a level is out of bounds.
# docs/audio.md says what each sound is for.
set -euo pipefail

# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------
OUT_DIR="assets/audio"          # where the finished files go (from repo root)
SAMPLE_RATE=44100               # Hz, all files
CHANNELS=1                      # mono
VORBIS_QUALITY=2                # libvorbis VBR quality (-1..10); this mono audio comes to ~32 kb/s
MP3_BITRATE="64k"               # libmp3lame constant bit rate for the fallback

# ---------------------------------------------------------------------------
# Levels
# ---------------------------------------------------------------------------
ROOM_TONE_RMS_DB=-40            # room tone: RMS level of the loop, dBFS
ONESHOT_LOUDNESS_LUFS=-26       # one-shots: common loudness, measured as the loudest
                                # 400 ms window (EBU R 128 momentary), LUFS; below the
                                # -23 LUFS programme level used for speech
PEAK_CEILING_DB=-6              # no file may peak above this once encoded, dBFS
ENCODED_PEAK_MARGIN_DB=1        # headroom kept for lossy coding, which can raise a peak:
                                # a one-shot must peak at or below CEILING - MARGIN before it
LEVEL_TOLERANCE_DB=1            # allowed distance from a level target after encoding, dB
ONESHOT_LEAD_IN=0.005           # silence before each one-shot, s, so that the encoders'
                                # start-of-file error falls in silence, not as a step

# ---------------------------------------------------------------------------
# Room tone: filtered pink noise with a faint low hum, crossfaded into a loop
# ---------------------------------------------------------------------------
ROOM_LENGTH=24                  # loop length, s; the loop made is up to ROOM_TRIES x ROOM_ALIGN
                                # samples (46 ms) longer, see ROOM_TRIES
ROOM_ALIGN=64                   # loop lengths tried are multiples of this many samples
                                # (Vorbis decodes in steps of 64 or more)
ROOM_TRIES=32                   # how many loop lengths (ROOM_ALIGN apart) to try for one
                                # the WebM encoder does not pad; see make_room_tone
ROOM_CROSSFADE=3                # equal-power crossfade of the noise's end into its start, s
ROOM_HIGHPASS_HZ=40             # noise high-pass, Hz (removes rumble below the hum)
ROOM_LOWPASS_HZ=700             # noise low-pass, Hz (applied twice: a dark, soft hiss)
ROOM_HUM_HZ=55                  # hum fundamental, Hz (nudged to a whole number of cycles per loop)
ROOM_HUM_DB=-9                  # hum fundamental level relative to the noise RMS, dB
ROOM_HUM_H2_DB=-15              # hum second harmonic level relative to the noise RMS, dB

# ---------------------------------------------------------------------------
# Choice: a soft, short sine tone with a faint octave, fast attack, gentle decay
# ---------------------------------------------------------------------------
CHOICE_FREQ_HZ=660              # fundamental, Hz (about E5)
CHOICE_OCTAVE_DB=-16            # octave partial level relative to the fundamental, dB
CHOICE_LENGTH=0.12              # length of the tone, s (under 0.15 with the lead-in)
CHOICE_ATTACK=0.004             # raised-cosine attack, s
CHOICE_T60=0.30                 # exponential decay: time to fall 60 dB, s (octave: half this)
CHOICE_TAIL=0.03                # final raised-cosine fade to silence, s

# ---------------------------------------------------------------------------
# Rupture cue: a low, soft swell (root, fifth, octave), rising then falling
# ---------------------------------------------------------------------------
RUPTURE_ROOT_HZ=146.83          # root, Hz (D3)
RUPTURE_FIFTH_HZ=220.00         # fifth above, Hz (A3)
RUPTURE_OCTAVE_HZ=293.66        # octave above, Hz (D4); helps small speakers
RUPTURE_FIFTH_DB=-6             # fifth level relative to the root, dB
RUPTURE_OCTAVE_DB=-12           # octave level relative to the root, dB
RUPTURE_LENGTH=0.9              # total length, s (under 1)
RUPTURE_RISE=0.45               # raised-cosine swell up, s
RUPTURE_FALL=0.45               # raised-cosine fall to silence, s
RUPTURE_LOWPASS_HZ=600          # low-pass on the mix, Hz (keeps it soft)

# ---------------------------------------------------------------------------
# Session end: two bell-like notes, the second a major third below the first
# ---------------------------------------------------------------------------
END_NOTE1_HZ=659.26             # first note, Hz (E5)
END_NOTE2_HZ=523.25             # second note, Hz (C5)
END_NOTE2_DELAY=0.32            # second note starts this long after the first, s
END_NOTE2_DB=0                  # second note level relative to the first, dB
END_NOTE_LENGTH=1.6             # length of each note, s
END_ATTACK=0.003                # raised-cosine attack of each note, s
END_T60=1.2                     # fundamental: exponential decay, time to fall 60 dB, s
END_H2_DB=-10                   # 2nd partial level relative to the fundamental, dB
END_H2_T60=0.7                  # 2nd partial: time to fall 60 dB, s
END_H3_DB=-20                   # 3rd partial level relative to the fundamental, dB
END_H3_T60=0.4                  # 3rd partial: time to fall 60 dB, s
END_TAIL=0.15                   # final raised-cosine fade to silence, s

# ---------------------------------------------------------------------------

die() { echo "make-audio: $*" >&2; exit 1; }

for tool in sox ffmpeg awk; do
  command -v "$tool" >/dev/null 2>&1 || die "needs $tool (Debian: apt-get install -y sox libsox-fmt-all ffmpeg)"
done
encoders="$(ffmpeg -hide_banner -encoders 2>/dev/null)"
for enc in libvorbis libmp3lame; do
  grep -q " $enc " <<<"$encoders" || die "ffmpeg lacks the $enc encoder"
done
if [ ! -f package.json ] || [ ! -d assets ]; then die "run from the repository root"; fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT_DIR"

# All intermediate audio is 32-bit float WAV, so nothing is dithered before
# the encoders see it. sox still clips inside its effects at full scale, so
# every step keeps its signal below that (mixes are scaled by 1/n), and any
# clipping sox reports stops the script.
# -R: fixed random seed, so the noise is the same on every run.
sx() {
  local log="$WORK/sox.log"
  if ! sox -R -V2 "$@" 2>"$log"; then cat "$log" >&2; die "sox failed: sox $*"; fi
  if grep -qi "clipped" "$log"; then cat "$log" >&2; die "sox clipped samples: sox $*"; fi
  # ffmpeg writes float WAV without the extended header; that warning is harmless.
  grep -v "wave header missing extended part" "$log" >&2 || true
}
FMT=(-r "$SAMPLE_RATE" -c "$CHANNELS" -b 32 -e floating-point)
# sox's null input needs the rate too, or synth runs at 48 kHz and is resampled.
NULL_IN=(-r "$SAMPLE_RATE" -c "$CHANNELS" -n)

# A synthesised sine peaks at full scale, where sox clips; tone() starts
# every sine this far below it.
TONE_PEAK_DB=-6

calc() { awk "BEGIN { printf \"%.6f\", $* }"; }
is_positive() { awk -v x="$1" 'BEGIN { exit !(x > 0) }'; }
within() { awk -v v="$1" -v t="$2" -v d="$3" 'BEGIN { exit !(v - t <= d && t - v <= d) }'; }
at_most() { awk -v v="$1" -v c="$2" 'BEGIN { exit !(v <= c) }'; }

# stats FILE FIELD -> a number from `sox FILE -n stats` ("Pk lev dB", "RMS lev dB", ...)
stats() {
  sox -V1 "$1" -n stats 2>&1 | awk -v f="$2" '!done && index($0, f) == 1 { print $NF; done = 1 }'
}
length_s() { sox --i -V1 -D "$1"; }

# zero_crossing FILE -> index of the sample after the gentlest upward or
# downward zero crossing (smallest step across zero) in a mono file
zero_crossing() {
  sox -V1 "$1" -t f32 - | od -An -v -f -w4 \
    | awk 'NR > 1 && (p <= 0) != ($1 <= 0) {
             d = $1 - p; if (d < 0) d = -d
             if (best == "" || d < best) { best = d; k = NR - 1 }
           }
           { p = $1 }
           END { if (k == "") k = 0; print k }'
}

# decoded_samples FILE -> how many samples ffmpeg decodes from an encoded file
decoded_samples() {
  local wav="$WORK/decoded.wav"
  ffmpeg -hide_banner -nostdin -loglevel error -y -i "$1" -c:a pcm_f32le "$wav"
  sox --i -V1 -s "$wav"
}

# loudness FILE -> loudest EBU R 128 momentary loudness (400 ms window), LUFS.
# The sound is padded with silence so that every window over it is counted.
loudness() {
  local padded="$WORK/loudness-pad.wav"
  sx "$1" "$padded" pad 0.5 0.5
  ffmpeg -hide_banner -nostdin -nostats -v verbose -i "$padded" \
      -af ebur128=framelog=verbose -f null - 2>&1 \
    | awk '/Parsed_ebur128/ && / M:/ {
             for (i = 1; i <= NF; i++) if ($i ~ /^M:/) {
               v = ($i == "M:") ? $(i + 1) : substr($i, 3)
               if (v != "nan" && (m == "" || v + 0 > m)) m = v + 0
             }
           }
           END { if (m == "") exit 1; printf "%.2f", m }'
}

# tone OUT FREQ LEVEL_DB LENGTH ATTACK T60
# A sine peaking at TONE_PEAK_DB + LEVEL_DB dBFS, with a raised-cosine attack
# and an exponential decay that reaches -60 dB after T60 seconds. ATTACK 0:
# no attack ramp. T60 0: a steady tone. LENGTH in seconds, or in samples as
# "Ns" when T60 is 0. (sox's "l" fade falls 100 dB over its length, so a fade
# of T60/0.6 s has the wanted slope; the tone is then cut at LENGTH.)
tone() {
  local out="$1" freq="$2" level_db="$3" length="$4" attack="$5" t60="$6"
  local gen_len="$length" effects=() decay_len
  if is_positive "$t60"; then
    decay_len="$(calc "$t60 / 0.6")"
    gen_len="$(calc "($decay_len > $length) ? $decay_len : $length")"
    effects+=(fade l 0 -0 "$decay_len")
  fi
  if is_positive "$attack"; then effects+=(fade h "$attack"); fi
  sx "${NULL_IN[@]}" "${FMT[@]}" "$out" \
    synth "$gen_len" sine "$freq" gain "$(calc "$TONE_PEAK_DB + $level_db")" \
    "${effects[@]}" trim 0 "$length"
}

# mix OUT IN [IN...] -> sample-wise sum scaled by 1/n, so it cannot clip
mix() {
  local out="$1"; shift
  local args=() f v; v="$(calc "1 / $#")"
  for f in "$@"; do args+=(-v "$v" "$f"); done
  if [ "$#" -eq 1 ]; then cp "$1" "$out"; else sx -m "${args[@]}" "$out"; fi
}

# mix_unity OUT IN IN -> sample-wise sum at unity gain (for crossfades)
mix_unity() { sx -m -v 1 "$2" -v 1 "$3" "$1"; }

# encode WAV NAME -> OUT_DIR/NAME.webm and OUT_DIR/NAME.mp3, reproducibly
ENCODE_IN=(-hide_banner -nostdin -loglevel error -y)
ENCODE_OUT=(-map_metadata -1 -fflags +bitexact -flags:a +bitexact -ac "$CHANNELS" -ar "$SAMPLE_RATE")
encode_webm() {
  ffmpeg "${ENCODE_IN[@]}" -i "$1" "${ENCODE_OUT[@]}" \
    -c:a libvorbis -q:a "$VORBIS_QUALITY" -f webm "$OUT_DIR/$2.webm"
}
encode_mp3() {
  # The Xing/LAME header records the encoder delay and padding, so decoders
  # that honour it play the exact length (needed for a gapless loop).
  ffmpeg "${ENCODE_IN[@]}" -i "$1" "${ENCODE_OUT[@]}" \
    -c:a libmp3lame -b:a "$MP3_BITRATE" -write_xing 1 -id3v2_version 0 -f mp3 "$OUT_DIR/$2.mp3"
}
encode() { encode_webm "$1" "$2"; encode_mp3 "$1" "$2"; }

# fit_oneshot IN OUT -> IN scaled to the common loudness, after a short
# lead-in of silence. Fails if that would push its peak too near the
# ceiling: then change the sound, not the rule.
fit_oneshot() {
  local in="$1" out="$2" lufs gain peak limit
  lufs="$(loudness "$in")" || die "could not measure the loudness of $in"
  gain="$(calc "$ONESHOT_LOUDNESS_LUFS - ($lufs)")"
  sx "$in" "$out" gain "$gain" pad "$ONESHOT_LEAD_IN" 0
  peak="$(stats "$out" "Pk lev dB")"
  limit="$(calc "$PEAK_CEILING_DB - $ENCODED_PEAK_MARGIN_DB")"
  at_most "$peak" "$limit" \
    || die "$(basename "$out" .wav) peaks at $peak dBFS at the common loudness (limit $limit)"
}

# ---------------------------------------------------------------------------
# Room tone
# ---------------------------------------------------------------------------
make_room_tone() {
  local w="$WORK/room"; mkdir -p "$w"
  # Lengths in samples, so the loop points are exact.
  local n0 xf warmup
  n0="$(awk -v l="$ROOM_LENGTH" -v r="$SAMPLE_RATE" -v a="$ROOM_ALIGN" \
          'BEGIN { printf "%d", int(l * r / a + 0.5) * a }')"
  xf="$(awk -v l="$ROOM_CROSSFADE" -v r="$SAMPLE_RATE" 'BEGIN { printf "%d", int(l * r + 0.5) }')"
  warmup="$SAMPLE_RATE"   # one second for the filters to settle, then discarded

  # Filtered noise, long enough for every loop length tried below, once the
  # filters have settled.
  sx "${NULL_IN[@]}" "${FMT[@]}" "$w/noise.wav" \
    synth "$((warmup + n0 + ROOM_TRIES * ROOM_ALIGN + xf))s" pinknoise gain -12 \
    highpass "$ROOM_HIGHPASS_HZ" lowpass "$ROOM_LOWPASS_HZ" lowpass "$ROOM_LOWPASS_HZ" \
    trim "${warmup}s"
  local noise_rms; noise_rms="$(stats "$w/noise.wav" "RMS lev dB")"

  # A Vorbis stream decodes to a whole number of blocks (which sizes depend
  # on the audio), and WebM does not record how much of the last one is
  # padding, so most lengths come back a little longer: a looped file would
  # then have a short gap. Try loop lengths n0, n0 + ROOM_ALIGN, ... and keep
  # the first whose WebM decodes to exactly the loop's length.
  local try n cycles hum_hz rms got rot
  for ((try = 0; try < ROOM_TRIES; try++)); do
    n=$((n0 + try * ROOM_ALIGN))

    # Loop: the noise's samples n..n+xf fade out (equal power, quarter-sine)
    # over its first xf samples as those fade in. In the original noise, the
    # loop's last sample (n-1) is followed by sample n, which now opens the
    # loop, so the end runs straight on into the start.
    sx "$w/noise.wav" "$w/head.wav" trim 0 "${xf}s" fade q "${xf}s"
    sx "$w/noise.wav" "$w/tail.wav" trim "${n}s" "${xf}s" fade q 0 -0 "${xf}s"
    sx "$w/noise.wav" "$w/body.wav" trim "${xf}s" "$((n - xf))s"
    mix_unity "$w/joint.wav" "$w/head.wav" "$w/tail.wav"
    sx "$w/joint.wav" "$w/body.wav" "$w/noise-loop.wav"

    # Hum: a whole number of cycles in the loop, so it is periodic too. Levels
    # are relative to the noise; a sine's RMS is 3.01 dB below its peak.
    cycles="$(awk -v f="$ROOM_HUM_HZ" -v n="$n" -v r="$SAMPLE_RATE" 'BEGIN { printf "%d", int(f * n / r + 0.5) }')"
    hum_hz="$(awk -v c="$cycles" -v n="$n" -v r="$SAMPLE_RATE" 'BEGIN { printf "%.10f", c * r / n }')"
    tone "$w/hum1.wav" "$hum_hz" "$(calc "$noise_rms + $ROOM_HUM_DB + 3.0103 - $TONE_PEAK_DB")" "${n}s" 0 0
    tone "$w/hum2.wav" "$(awk -v f="$hum_hz" 'BEGIN { printf "%.10f", 2 * f }')" \
      "$(calc "$noise_rms + $ROOM_HUM_H2_DB + 3.0103 - $TONE_PEAK_DB")" "${n}s" 0 0
    mix "$w/mixed.wav" "$w/noise-loop.wav" "$w/hum1.wav" "$w/hum2.wav"

    # Start the loop where the wave crosses zero most gently. Turning a
    # seamless loop round changes nothing in it, but the encoders handle a
    # file best when it starts and ends near silence: the MP3 then joins
    # without a trace, and the WebM with less of one.
    rot="$(zero_crossing "$w/mixed.wav")"
    sx "$w/mixed.wav" "$w/from-rot.wav" trim "${rot}s"
    sx "$w/mixed.wav" "$w/to-rot.wav" trim 0 "${rot}s"
    sx "$w/from-rot.wav" "$w/to-rot.wav" "$w/rotated.wav"

    rms="$(stats "$w/rotated.wav" "RMS lev dB")"
    sx "$w/rotated.wav" "$w/room-tone.wav" gain "$(calc "$ROOM_TONE_RMS_DB - ($rms)")"
    encode_webm "$w/room-tone.wav" room-tone
    got="$(decoded_samples "$OUT_DIR/room-tone.webm")"
    [ "$got" = "$n" ] && break
  done
  [ "$got" = "$n" ] || die "room tone: no loop length tried decodes from WebM without padding"
  encode_mp3 "$w/room-tone.wav" room-tone
  got="$(decoded_samples "$OUT_DIR/room-tone.mp3")"
  [ "$got" = "$n" ] || die "room tone: the MP3 decodes to $got samples, not $n"
  echo "room tone: $n samples ($(calc "$n / $SAMPLE_RATE") s), hum $hum_hz Hz ($cycles cycles), starts at sample $rot of the crossfaded noise"
}

# ---------------------------------------------------------------------------
# Choice
# ---------------------------------------------------------------------------
make_choice() {
  local w="$WORK/choice"; mkdir -p "$w"
  tone "$w/f.wav" "$CHOICE_FREQ_HZ" 0 "$CHOICE_LENGTH" "$CHOICE_ATTACK" "$CHOICE_T60"
  tone "$w/o.wav" "$(calc "2 * $CHOICE_FREQ_HZ")" "$CHOICE_OCTAVE_DB" \
    "$CHOICE_LENGTH" "$CHOICE_ATTACK" "$(calc "$CHOICE_T60 / 2")"
  mix "$w/mix.wav" "$w/f.wav" "$w/o.wav"
  sx "$w/mix.wav" "$w/shaped.wav" fade h 0 -0 "$CHOICE_TAIL"
  fit_oneshot "$w/shaped.wav" "$w/choice.wav"
  encode "$w/choice.wav" choice
}

# ---------------------------------------------------------------------------
# Rupture cue
# ---------------------------------------------------------------------------
make_rupture_cue() {
  local w="$WORK/rupture"; mkdir -p "$w"
  tone "$w/root.wav" "$RUPTURE_ROOT_HZ" 0 "$RUPTURE_LENGTH" 0 0
  tone "$w/fifth.wav" "$RUPTURE_FIFTH_HZ" "$RUPTURE_FIFTH_DB" "$RUPTURE_LENGTH" 0 0
  tone "$w/octave.wav" "$RUPTURE_OCTAVE_HZ" "$RUPTURE_OCTAVE_DB" "$RUPTURE_LENGTH" 0 0
  mix "$w/mix.wav" "$w/root.wav" "$w/fifth.wav" "$w/octave.wav"
  sx "$w/mix.wav" "$w/shaped.wav" \
    lowpass "$RUPTURE_LOWPASS_HZ" \
    fade h "$RUPTURE_RISE" -0 "$RUPTURE_FALL"
  fit_oneshot "$w/shaped.wav" "$w/rupture-cue.wav"
  encode "$w/rupture-cue.wav" rupture-cue
}

# ---------------------------------------------------------------------------
# Session end
# ---------------------------------------------------------------------------
# bell OUT FREQ LEVEL_DB -> one chime note: fundamental plus two partials,
# the higher partials quieter and shorter.
bell() {
  local out="$1" freq="$2" level_db="$3"
  local base="${out%.wav}"
  tone "$base-1.wav" "$freq" "$level_db" "$END_NOTE_LENGTH" "$END_ATTACK" "$END_T60"
  tone "$base-2.wav" "$(calc "2 * $freq")" "$(calc "$level_db + $END_H2_DB")" \
    "$END_NOTE_LENGTH" "$END_ATTACK" "$END_H2_T60"
  tone "$base-3.wav" "$(calc "3 * $freq")" "$(calc "$level_db + $END_H3_DB")" \
    "$END_NOTE_LENGTH" "$END_ATTACK" "$END_H3_T60"
  mix "$out" "$base-1.wav" "$base-2.wav" "$base-3.wav"
}

make_session_end() {
  local w="$WORK/end"; mkdir -p "$w"
  bell "$w/n1.wav" "$END_NOTE1_HZ" 0
  bell "$w/n2raw.wav" "$END_NOTE2_HZ" "$END_NOTE2_DB"
  sx "$w/n2raw.wav" "$w/n2.wav" pad "$END_NOTE2_DELAY"
  mix "$w/mix.wav" "$w/n1.wav" "$w/n2.wav"
  sx "$w/mix.wav" "$w/shaped.wav" fade h 0 -0 "$END_TAIL"
  fit_oneshot "$w/shaped.wav" "$w/session-end.wav"
  encode "$w/session-end.wav" session-end
}

# ---------------------------------------------------------------------------
# Check what was written: decode each file and measure it
# ---------------------------------------------------------------------------
check_outputs() {
  local failed=0 name ext file wav peak rms len lufs size
  echo
  echo '| File | Size (KB) | Length (s) | Peak (dBFS) | RMS (dBFS) | Loudness (LUFS, max momentary) |'
  echo '| --- | ---: | ---: | ---: | ---: | ---: |'
  for name in room-tone choice rupture-cue session-end; do
    for ext in webm mp3; do
      file="$OUT_DIR/$name.$ext"
      wav="$WORK/check-$name-$ext.wav"
      ffmpeg -hide_banner -nostdin -loglevel error -y -i "$file" -c:a pcm_f32le "$wav"
      peak="$(stats "$wav" "Pk lev dB")"
      rms="$(stats "$wav" "RMS lev dB")"
      len="$(length_s "$wav")"
      lufs="$(loudness "$wav")"
      size="$(calc "$(wc -c < "$file") / 1024")"
      printf '| %s | %.1f | %.3f | %.1f | %.1f | %.1f |\n' "$name.$ext" "$size" "$len" "$peak" "$rms" "$lufs"
      if [ "$name" = room-tone ]; then
        within "$rms" "$ROOM_TONE_RMS_DB" "$LEVEL_TOLERANCE_DB" \
          || { echo "make-audio: $file RMS $rms dBFS, want $ROOM_TONE_RMS_DB" >&2; failed=1; }
        at_most "$peak" "$PEAK_CEILING_DB" \
          || { echo "make-audio: $file peaks at $peak dBFS" >&2; failed=1; }
      else
        within "$lufs" "$ONESHOT_LOUDNESS_LUFS" "$LEVEL_TOLERANCE_DB" \
          || { echo "make-audio: $file loudness $lufs LUFS, want $ONESHOT_LOUDNESS_LUFS" >&2; failed=1; }
        at_most "$peak" "$PEAK_CEILING_DB" \
          || { echo "make-audio: $file peaks at $peak dBFS (ceiling $PEAK_CEILING_DB)" >&2; failed=1; }
      fi
    done
  done
  [ "$failed" = 0 ] || die "levels out of bounds (see above)"
}

make_room_tone
make_choice
make_rupture_cue
make_session_end
check_outputs
