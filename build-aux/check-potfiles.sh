#!/bin/sh
# Fails when a source file marks strings for translation but is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist; then runs xgettext
# over the list so that a string it cannot read fails here and not at release time.
set -eu
cd "${1:?usage: check-potfiles.sh SOURCE-ROOT}"

listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$' | sort)
marked=$( (grep -rlE --include='*.c' '(^|[^A-Za-z0-9_])(N?_|C_)\(' app ui;
           grep -rl --include='*.ui' 'translatable="yes"' ui) | sort)

status=0
for f in $marked; do
  echo "$listed" | grep -qx "$f" || { echo "po/POTFILES.in: missing $f"; status=1; }
done
for f in $listed; do
  [ -f "$f" ] || { echo "po/POTFILES.in: no such file $f"; status=1; }
done

pot=$(mktemp)
trap 'rm -f "$pot"' EXIT
if ! xgettext --files-from=po/POTFILES.in --from-code=UTF-8 --keyword=_ --keyword=N_ \
     --keyword=C_:1c,2 --keyword=g_dngettext:2,3 --add-comments=TRANSLATORS: --output="$pot" 2>&1; then
  echo "xgettext failed"; status=1
fi
count=$(grep -c '^msgid ' "$pot" || true)
echo "$count messages in $(echo "$listed" | wc -l) files"
[ "$count" -gt 100 ] || { echo "suspiciously few messages"; status=1; }
exit $status
