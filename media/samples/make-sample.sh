#!/usr/bin/env bash
# Rebuild the sample clip shipped in media/samples/: 6 s, 320x180, H.264 + AAC, made only
# from ffmpeg's own test pattern and a sine tone (no third-party footage, nothing to license).
# The .srt beside it is written by hand. Needs ffmpeg with libx264 and libfreetype.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc=size=320x180:rate=25" \
  -f lavfi -i "sine=frequency=440:sample_rate=44100" -t 6 \
  -vf "drawtext=fontfile=$FONT:text='Tập huấn CTV':fontsize=22:fontcolor=white:box=1:boxcolor=black@0.6:x=(w-tw)/2:y=12" \
  -c:v libx264 -preset veryslow -crf 30 -pix_fmt yuv420p -profile:v baseline \
  -c:a aac -b:a 48k -ac 1 -movflags +faststart \
  -metadata title="Đoạn phim thử máy chiếu" \
  -metadata comment="Made for trainer-app from ffmpeg testsrc and sine" \
  thu-may-chieu.mp4
