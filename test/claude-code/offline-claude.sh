#!/usr/bin/env bash
# Runs the real Claude Code CLI offline: in a network namespace with only loopback, against the
# mock Messages API started in the same namespace, with a throwaway HOME prepared so that no
# onboarding, trust or API key dialog runs. Nothing here can reach another host.
# Usage: offline-claude.sh <claude-binary> <workdir> <home> <mock-log> [claude args...]
set -euo pipefail
if [ -z "${AGENTMUX_IN_NETNS:-}" ]; then
  if [ "$(id -u)" -eq 0 ]; then exec env AGENTMUX_IN_NETNS=1 unshare -n -- "$0" "$@"; fi
  exec env AGENTMUX_IN_NETNS=1 unshare -r -n -- "$0" "$@"
fi
claude=$1 workdir=$2 home=$3 mocklog=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
ip link set lo up
port=8765
node "$here/mock-anthropic.mjs" "$port" "${MOCK_DELAY_MS:-1500}" "$mocklog" > "$home/mock.out" 2>&1 &
for _ in $(seq 1 100); do grep -q listening "$home/mock.out" 2>/dev/null && break; sleep 0.02; done
# Claude Code's http hooks post to agentmux on loopback, which is outside this namespace: a relay
# carries them to agentmux's hook socket (when agentmux passed settings with hooks).
prev=""
for a in "$@"; do
  if [ "$prev" = "--settings" ] && grep -q '"type": "http"' "$a" 2>/dev/null; then
    node "$here/hook-relay.mjs" "$a" > "$home/relay.out" 2>&1 &
    for _ in $(seq 1 100); do grep -q listening "$home/relay.out" 2>/dev/null && break; sleep 0.02; done
  fi
  prev=$a
done
version=$("$claude" --version 2>/dev/null | cut -d' ' -f1)
mkdir -p "$home/.claude"
mcp=""
[ -n "${MCP_APPROVED:-}" ] && mcp=', "enabledMcpjsonServers": ["notes"]'
cat > "$home/.claude.json" <<JSON
{ "hasCompletedOnboarding": true, "lastOnboardingVersion": "$version", "theme": "dark",
  "customApiKeyResponses": { "approved": ["00000000000000000000"], "rejected": [] },
  "projects": { "$workdir": { "hasTrustDialogAccepted": true, "hasCompletedProjectOnboarding": true$mcp } } }
JSON
[ -f "$home/.claude/settings.json" ] || echo '{ "skipDangerousModePermissionPrompt": true }' > "$home/.claude/settings.json"
export HOME=$home
export ANTHROPIC_BASE_URL=http://127.0.0.1:$port
export ANTHROPIC_API_KEY=sk-ant-test-0000000000000000000000
export DISABLE_AUTOUPDATER=1 DISABLE_TELEMETRY=1 DISABLE_ERROR_REPORTING=1
export CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1
export CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL=1
cd "$workdir"
exec "$claude" "$@"
