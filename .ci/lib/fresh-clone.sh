# Sourced by checks that need a fresh clone of the committed tree: clones it into a temporary
# folder (removed on exit), enters it, and links this checkout's node_modules (installed from the
# same lockfile) instead of installing again. Sets `root` (this checkout) and `tmp`.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git clone --quiet "$root" "$tmp/clone"
cd "$tmp/clone"
ln -s "$root/node_modules" node_modules
