#!/usr/bin/env bash
# Builds the Debian package of vmvp: artifacts/deb/vmvp_<version>_amd64.deb, then checks it with
# lintian (no error allowed; the report is kept next to the package).
#
#   bash scripts/package-deb.sh            # release build with the Swift runtime linked in
#   bash scripts/package-deb.sh --binary B # package an existing static build B instead
#
# The version is the newest entry of deploy/debian/changelog; the binary must print the same
# (`vmvp --version`, from Sources/vmvp/Support/Version.swift). Depends: is computed from the
# binary's shared libraries by dpkg-shlibdeps, plus adduser for the maintainer scripts.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=""
while [ $# -gt 0 ]; do
    case "$1" in
    --binary) binary="$2"; shift 2 ;;
    *) echo "usage: $0 [--binary PATH]" >&2; exit 2 ;;
    esac
done

need_apt=()
command -v dpkg-shlibdeps >/dev/null 2>&1 || need_apt+=(dpkg-dev)
command -v lintian >/dev/null 2>&1 || need_apt+=(lintian)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

changelog=deploy/debian/changelog
version=$(dpkg-parsechangelog -l "$changelog" -S Version)
arch=$(dpkg --print-architecture)
# Reproducible dates (man page, file times) come from the changelog, not from the clock.
release_date=$(dpkg-parsechangelog -l "$changelog" -S Timestamp)
export SOURCE_DATE_EPOCH=$release_date

if [ -z "$binary" ]; then
    swift build -c release --product vmvp --static-swift-stdlib
    binary=.build/release/vmvp
fi
built_version=$("$binary" --version)
if [ "$built_version" != "$version" ]; then
    echo "error: $binary says version $built_version, $changelog says $version" >&2
    exit 1
fi
# A static Swift runtime: the binary must not need libswiftCore.so and friends on the server.
if objdump -p "$binary" | grep -q 'NEEDED.*libswift\|NEEDED.*libFoundation\|NEEDED.*libdispatch'; then
    echo "error: $binary links the Swift runtime dynamically (build with --static-swift-stdlib)" >&2
    exit 1
fi

out=artifacts/deb
stage=.build/deb/vmvp_${version}_${arch}
rm -rf "$stage" && mkdir -p "$stage/DEBIAN" "$out"
rm -f "$out"/vmvp_*.deb "$out"/lintian.txt

# The binary, stripped as dh_strip does for executables (Swift's metadata lives in allocated
# sections, which strip keeps).
install -D -m 0755 "$binary" "$stage/usr/bin/vmvp"
strip --remove-section=.comment --remove-section=.note "$stage/usr/bin/vmvp"

# The systemd units, pointed at the packaged binary. None is enabled or started by the package:
# a node or a hub is created first (`vmvp init`), then enabled by the operator.
units=/lib/systemd/system # Debian 12's unit directory (merged /usr, but dpkg paths stay distinct)
for unit in vmvp-node.service vmvp-hub.service vmvp-backup.service vmvp-backup.timer; do
    install -D -m 0644 "deploy/$unit" "$stage$units/$unit"
    sed -i 's#/usr/local/bin/vmvp#/usr/bin/vmvp#g' "$stage$units/$unit"
done
if grep -q /usr/local "$stage$units"/*; then
    echo "error: a unit still names /usr/local" >&2
    exit 1
fi

# Local settings: a conffile, kept by dpkg across upgrades when the operator edited it.
install -D -m 0644 deploy/vmvp.env.example "$stage/etc/vmvp/vmvp.env"
echo /etc/vmvp/vmvp.env >"$stage/DEBIAN/conffiles"

# The manual page, from the argument parser's own description of the commands: swift-argument-
# parser's GenerateManual plugin (run on the debug build the tests already made) builds its
# generate-manual tool. That tool drops every non-ASCII character (« é » would vanish from the
# French text), so it is run again on a dump of the help where each one is spelt as an ASCII
# token, and the tokens become groff's \[uXXXX] escapes afterwards.
manual_date=$(date -u -d "@$release_date" +%F)
swift package --allow-writing-to-package-directory generate-manual --configuration debug >/dev/null
manual_tool=$(find .build -path '*/debug/generate-manual-tool' -type f | head -n 1)
[ -x "$manual_tool" ] || { echo "error: the generate-manual tool was not built" >&2; exit 1; }
manual_dir=$(mktemp -d)
cat >"$manual_dir/vmvp" <<WRAPPER
#!/bin/sh
"$(realpath "$binary")" "\$@" | perl -CS -pe 's/([^\x00-\x7F])/sprintf("~U%04X~", ord(\$1))/ge'
WRAPPER
chmod 0755 "$manual_dir/vmvp"
"$manual_tool" "$manual_dir/vmvp" --date "$manual_date" --authors "Maison des Adolescents de l'H~U00E9~rault" \
    --output-directory "$manual_dir"
[ -s "$manual_dir/vmvp.1" ] || { echo "error: the manual page was not generated" >&2; exit 1; }
install -d "$stage/usr/share/man/man1"
perl -pe 's/~U([0-9A-F]{4,6})~/\\[u$1]/g' "$manual_dir/vmvp.1" | gzip -9n >"$stage/usr/share/man/man1/vmvp.1.gz"
rm -rf "$manual_dir"

# Shell completions, from the argument parser.
install -d "$stage/usr/share/bash-completion/completions" "$stage/usr/share/zsh/vendor-completions"
# (bash-completion sources the file: the generator's "#!/bin/bash" line is dropped.)
"$binary" --generate-completion-script bash | sed '1{/^#!/d}' >"$stage/usr/share/bash-completion/completions/vmvp"
"$binary" --generate-completion-script zsh >"$stage/usr/share/zsh/vendor-completions/_vmvp"
chmod 0644 "$stage/usr/share/bash-completion/completions/vmvp" "$stage/usr/share/zsh/vendor-completions/_vmvp"

# Documentation: copyright, changelog, the operator's guide and the package's notes.
doc="$stage/usr/share/doc/vmvp"
install -D -m 0644 deploy/debian/copyright "$doc/copyright"
gzip -9n <"$changelog" >"$doc/changelog.gz"
gzip -9n <deploy/OPERATIONS.md >"$doc/OPERATIONS.md.gz"
install -m 0644 deploy/debian/README.Debian "$doc/README.Debian"
install -D -m 0644 deploy/debian/lintian-overrides "$stage/usr/share/lintian/overrides/vmvp"

for script in postinst prerm postrm; do
    install -m 0755 "deploy/debian/$script" "$stage/DEBIAN/$script"
done

# Depends: the packages that provide the binary's shared libraries (libc6, libsqlite3-0, …).
shlibs_dir=$(mktemp -d)
trap 'rm -rf "$shlibs_dir"' EXIT
mkdir -p "$shlibs_dir/debian"
printf 'Source: vmvp\n\nPackage: vmvp\nArchitecture: any\n' >"$shlibs_dir/debian/control"
cp "$stage/usr/bin/vmvp" "$shlibs_dir/vmvp"
shlib_depends=$(cd "$shlibs_dir" && dpkg-shlibdeps -O -e vmvp 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlib_depends" ] || { echo "error: dpkg-shlibdeps found no dependency" >&2; exit 1; }

installed_size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@DEPENDS@/$shlib_depends, adduser/" \
    -e "s/@INSTALLED_SIZE@/$installed_size/" deploy/debian/control >"$stage/DEBIAN/control"
(cd "$stage" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum) \
    >"$stage/DEBIAN/md5sums"
find "$stage" -exec touch -h -d "@$release_date" {} +

package="$out/vmvp_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$package" >/dev/null
echo "Built $package ($(du -h "$package" | cut -f1))"
grep '^Depends:' "$stage/DEBIAN/control"

# lintian: no error; warnings and notes are printed and kept.
# (lintian advises against running as root; it runs as nobody when the script is root.)
as_user=()
[ "$(id -u)" != 0 ] || as_user=(runuser -u nobody --)
"${as_user[@]}" lintian --fail-on error "$package" | tee "$out/lintian.txt"
echo "lintian: no error ($(grep -c '^W:' "$out/lintian.txt" || true) warnings)"
