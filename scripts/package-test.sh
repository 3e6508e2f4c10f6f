#!/usr/bin/env bash
# Builds the Debian package (scripts/package-deb.sh) and installs it the way a structure's IT
# team would, with apt, in a throwaway minimal Debian 12 (debootstrap --variant=minbase): the
# declared Depends: must be enough. Then, as the vmvp user: `vmvp --version`, `vmvp init`,
# `vmvp status`; an upgrade that keeps the data and an edited setting; removal and purge that keep
# the data; the units checked by systemd-analyze. Needs root (chroot) and the Debian mirror.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v debootstrap >/dev/null 2>&1 || {
    echo "Installing Debian packages: debootstrap"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}

bash scripts/package-deb.sh "$@"
version=$(dpkg-parsechangelog -l deploy/debian/changelog -S Version)
package=$(ls artifacts/deb/vmvp_"${version}"_*.deb)

# The base system is cached in .build (a minute to download; reused while the tree lives).
base=.build/debian-bookworm-minbase.tar
root=$(mktemp -d /tmp/vmvp-deb-root.XXXXXX)
cleanup() {
    umount "$root/dev/pts" "$root/proc" 2>/dev/null || true
    rm -rf "$root"
}
trap cleanup EXIT
if [ -f "$base" ]; then
    tar -C "$root" -xf "$base"
else
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
    tar -C "$root" -cf "$base.partial" . && mv "$base.partial" "$base"
fi
chmod 0755 "$root" # it is "/" for the vmvp user and apt's _apt user
mount -t proc proc "$root/proc"
mount --bind /dev/pts "$root/dev/pts"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
as_vmvp() { in_root runuser -u vmvp -- "$@"; }
check() { # check "what is being checked" command...
    if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1" >&2; exit 1; fi
}

cp "$package" "$root/tmp/"
in_root apt-get update -qq
in_root apt-get install -y -qq "/tmp/$(basename "$package")" >/dev/null
echo "Installed $(basename "$package") with apt in a minimal Debian 12"

check "vmvp --version prints $version" test "$(in_root vmvp --version)" = "$version"
check "the vmvp system user exists, without a login shell" \
    sh -c "in_uid=\$(chroot '$root' id -u vmvp) && [ \"\$in_uid\" -lt 1000 ] && chroot '$root' getent passwd vmvp | grep -q ':/usr/sbin/nologin$'"
check "/var/lib/vmvp belongs to vmvp, mode 0700" test "$(in_root stat -c '%U %a' /var/lib/vmvp)" = "vmvp 700"
check "/etc/vmvp/vmvp.env is root:vmvp, mode 0640" test "$(in_root stat -c '%U:%G %a' /etc/vmvp/vmvp.env)" = "root:vmvp 640"
check "the manual page is installed" in_root test -s /usr/share/man/man1/vmvp.1.gz
# (generate-manual drops non-ASCII letters; package-deb.sh restores them as groff escapes.)
check "the manual page keeps the French accents" sh -c "zcat '$root/usr/share/man/man1/vmvp.1.gz' | grep -qF 'bourse d'\''\\[u00E9]change'"
check "the zsh completion is installed" grep -q '^#compdef vmvp' "$root/usr/share/zsh/vendor-completions/_vmvp"
check "the bash completion loads" in_root bash -c '. /usr/share/bash-completion/completions/vmvp && complete -p vmvp >/dev/null'
check "the units run /usr/bin/vmvp" grep -q '^ExecStart=/usr/bin/vmvp serve' "$root/lib/systemd/system/vmvp-node.service"

as_vmvp vmvp init --data /var/lib/vmvp --name "Structure d'essai du paquet" --sector sanitaire --commune Béziers
check "vmvp init as vmvp wrote its keys with mode 0600" test "$(in_root stat -c '%U %a' /var/lib/vmvp/keys/signing.key)" = "vmvp 600"
as_vmvp vmvp status --data /var/lib/vmvp >"$root/tmp/status.txt"
check "vmvp status as vmvp reads the new node" grep -q "Structure d'essai du paquet" "$root/tmp/status.txt"
check "the new node's log verifies" as_vmvp vmvp verify --data /var/lib/vmvp

# An upgrade (the same package again: dpkg runs every upgrade script) keeps data and settings.
echo "VMVP_SITE_URL=https://vismaviepro.structure.example" >>"$root/etc/vmvp/vmvp.env"
data_before=$(cd "$root/var/lib/vmvp" && find . -type f -exec sha256sum {} + | sort)
in_root dpkg -i "/tmp/$(basename "$package")" >/dev/null
data_after=$(cd "$root/var/lib/vmvp" && find . -type f -exec sha256sum {} + | sort)
check "an upgrade leaves the data directory byte for byte" test "$data_before" = "$data_after"
check "an upgrade keeps the operator's setting" grep -q '^VMVP_SITE_URL=https://vismaviepro' "$root/etc/vmvp/vmvp.env"
check "an upgrade keeps the setting's mode" test "$(in_root stat -c '%U:%G %a' /etc/vmvp/vmvp.env)" = "root:vmvp 640"

# The units, as systemd reads them (systemd is not in the minimal base: installed for this check).
in_root apt-get install -y -qq --no-install-recommends systemd >/dev/null
for unit in vmvp-node.service vmvp-hub.service vmvp-backup.service vmvp-backup.timer; do
    check "systemd-analyze verify $unit" in_root systemd-analyze verify "/lib/systemd/system/$unit"
done

in_root apt-get remove -y -qq vmvp >/dev/null
check "removal takes the binary away" test ! -e "$root/usr/bin/vmvp"
check "removal keeps the data" test -s "$root/var/lib/vmvp/keys/signing.key"
in_root apt-get purge -y -qq vmvp >/dev/null
check "purge takes the settings away" test ! -e "$root/etc/vmvp/vmvp.env"
check "purge keeps the data and the user" sh -c "test -s '$root/var/lib/vmvp/node.sqlite' && chroot '$root' id vmvp >/dev/null"
echo "Debian package: installed, initialised, upgraded, removed and purged as expected"
