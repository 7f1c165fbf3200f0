#!/usr/bin/env bash
# Interoperability of signed approval attestations with an implementation nobody here wrote (issue 15):
#   ours -> theirs:   an envelope from `simulate --attest-out` verified by verify.mjs (Sigstore's @sigstore/core DSSE
#                     pre-authentication encoding, Node's Ed25519);
#   theirs -> ours:   an envelope made by sign.mjs verified by `attest verify`;
# and each side refusing the other's envelope once a payload byte is changed.
# Needs Java 17+, Node 20.17+ and npm (for @sigstore/core, pinned in package-lock.json); builds the tool jar if it is
# missing. Repeat it with: central/interop/run.sh    (output under central/interop/out/, git-ignored)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/central/tool/target/critical-change-gate-tool.jar"
out="$here/out"

if [ ! -f "$jar" ]; then
  mvn -B -q -f "$root/central/pom.xml" package -pl tool -am -DskipTests -Dspotbugs.skip
fi
(cd "$here" && npm ci --no-audit --no-fund --silent)
rm -rf "$out" && mkdir -p "$out"
tool() { java -jar "$jar" "$@"; }
tamper() { # flips one character of the payload's base64 in an envelope line
  python3 - "$1" "$2" <<'PY'
import json, sys
e = json.loads(open(sys.argv[1]).readline())
p = e["payload"]
i = len(p) // 2
e["payload"] = p[:i] + ("A" if p[i] != "A" else "B") + p[i + 1:]
open(sys.argv[2], "w").write(json.dumps(e) + "\n")
PY
}

echo "== ours -> theirs"
tool attest keygen "$out/ours"
printf 'the artifact being deployed\n' > "$out/app.jar"
sha="$(sha256sum "$out/app.jar" | cut -c1-64)"
tool simulate --registry "$root/docs/examples/critical-systems.yaml" --system checkout-service --change CHG-1 \
  --started-by carol --approve erin:checkout-leads --approve frank:sre-oncall \
  --attest-key "$out/ours/attestation.key" --attest-out "$out/ours.intoto.jsonl" \
  --subject-sha256 "app.jar=$sha" > /dev/null
node "$here/verify.mjs" "$out/ours.intoto.jsonl" "$out/ours/attestation.pub" "$sha"
tamper "$out/ours.intoto.jsonl" "$out/ours-tampered.intoto.jsonl"
if node "$here/verify.mjs" "$out/ours-tampered.intoto.jsonl" "$out/ours/attestation.pub" "$sha"; then
  echo "FAILED: the independent verifier accepted a tampered envelope" >&2; exit 1
fi

echo "== theirs -> ours"
node "$here/sign.mjs" "$out/theirs"
tool attest verify "$out/theirs/independent.intoto.jsonl" --public-key "$out/theirs/independent.pub" \
  --subject-file "$out/theirs/interop.txt" --system checkout-service --max-age 1h
tamper "$out/theirs/independent.intoto.jsonl" "$out/theirs-tampered.intoto.jsonl"
if tool attest verify "$out/theirs-tampered.intoto.jsonl" --public-key "$out/theirs/independent.pub"; then
  echo "FAILED: attest verify accepted a tampered envelope" >&2; exit 1
fi
echo "== interoperability: OK (both directions, both tamperings refused)"
