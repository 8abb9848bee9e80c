#!/usr/bin/env bash
# Installs the Debian packages frontline builds against and draws with, when they
# are missing; does nothing when they are all present. Safe to run any number of times.
#
#   libproj-dev      PROJ: projections
#   libgeos-dev      GEOS: zones of control and the front line
#   libcairo2-dev    Cairo: drawing, SVG and PDF
#   libpango1.0-dev  Pango: text layout and Arabic shaping
#   libspng-dev      libspng: fast PNG encoding
#   fonts-noto-core  Noto Sans and Noto Sans Arabic, the map's fonts
#   pkg-config       how SwiftPM finds the libraries above
#   ffmpeg           animate to MP4, WebM and GIF (tested with ffprobe in CI); APNG needs nothing
#   poppler-utils    pdfinfo and pdftotext: the report tests read the PDF back
#   chromium, chromium-driver, python3-selenium
#                    the real-browser check of the HTML report (Tests/ReportTests/browser_check.py);
#                    Debian's own browser build, as none can be downloaded in CI
set -euo pipefail
packages=(pkg-config libproj-dev libgeos-dev libcairo2-dev libpango1.0-dev libspng-dev fonts-noto-core ffmpeg
          poppler-utils chromium chromium-driver python3-selenium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "frontline setup: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "frontline setup: run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
