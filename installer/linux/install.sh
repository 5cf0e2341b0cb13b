#!/bin/sh
# Installs the pointsapp bundle on Debian/Ubuntu: the program folder, a menu entry and its icon.
# Run from the bundle folder (make bundle copies this script into dist/pointsapp):
#   ./install.sh            for this user: ~/.local/opt/pointsapp, menu entry in ~/.local/share/applications
#   sudo ./install.sh       for all users: /opt/pointsapp, /usr/share/applications
#   ./install.sh --user     for this user even when run as root
# Upgrading is the same command with the new bundle. The data folder (~/.local/share/pointsapp:
# database, backups, logs) is never touched; the program migrates the database when it opens it.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bundle=$here
per_user=no
[ "${1:-}" = "--user" ] && per_user=yes
if [ ! -x "$bundle/pointsapp" ] || [ ! -d "$bundle/_internal" ]; then
	echo "没有找到程序文件夹（应包含 pointsapp 和 _internal）：$bundle" >&2
	exit 1
fi
if [ "$(id -u)" = "0" ] && [ "$per_user" = "no" ]; then
	prefix=/opt/pointsapp share=/usr/share
else
	prefix=${HOME}/.local/opt/pointsapp share=${XDG_DATA_HOME:-$HOME/.local/share}
fi

if [ "$bundle" != "$prefix" ]; then
	mkdir -p "$(dirname "$prefix")"
	rm -rf "$prefix.new"
	cp -a "$bundle" "$prefix.new"
	rm -rf "$prefix"            # the old program only: the data folder lives elsewhere
	mv "$prefix.new" "$prefix"
fi

icons=$share/icons/hicolor
mkdir -p "$icons/256x256/apps" "$icons/scalable/apps" "$share/applications"
cp "$prefix/_internal/resources/icons/app.png" "$icons/256x256/apps/pointsapp.png"
cp "$prefix/_internal/resources/icons/app.svg" "$icons/scalable/apps/pointsapp.svg"
sed "s|^Exec=.*|Exec=\"$prefix/pointsapp\"|" "$here/pointsapp.desktop" > "$share/applications/pointsapp.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true

echo "已安装到 $prefix；菜单“办公”中可找到“村民积分管理系统”。命令行：$prefix/pointsapp-cli --help"
