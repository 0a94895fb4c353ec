#!/usr/bin/env bash
# `npm run docs`: typedoc builds the API reference (docs/api/, not committed) from the TSDoc
# comments. Fails on any typedoc error or warning (typedoc.json: treatWarningsAsErrors), e.g. an
# exported signature referring to a type the reference does not include.
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run docs --silent
test -f docs/api/index.html
for fn in entropy rel_entr; do
  ls docs/api/functions/*."$fn".html > /dev/null || { echo "no page for $fn in docs/api/functions"; exit 1; }
done
echo "docs/api: $(find docs/api -name '*.html' | wc -l) pages"
