#!/usr/bin/env bash
# The check step of action.yml, kept in a file so tests can run exactly what the Action runs.
# Inputs come as environment variables: CORDIAL_PATHS, CORDIAL_SARIF, CORDIAL_ARGS,
# CORDIAL_DIFF_BASE (optional); GITHUB_STEP_SUMMARY and GITHUB_OUTPUT as GitHub sets them.
set -uo pipefail

paths=${CORDIAL_PATHS:-playbooks}
sarif=${CORDIAL_SARIF:-cordial.sarif}
# Word splitting is wanted: several paths and extra arguments.
# shellcheck disable=SC2086
cordial check $paths ${CORDIAL_ARGS:-} --format github --format "sarif=$sarif"
status=$?

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    echo "## cordial check"
    echo
    if [ "$status" -eq 0 ]; then echo "No error findings."; else echo "Error findings (exit $status)."; fi
    echo
    echo '```'
    # shellcheck disable=SC2086
    cordial check $paths ${CORDIAL_ARGS:-} --statistics --exit-zero 2>&1
    echo '```'
    if [ -n "${CORDIAL_DIFF_BASE:-}" ] && git rev-parse --verify --quiet "${CORDIAL_DIFF_BASE}^{commit}" >/dev/null; then
      echo
      # shellcheck disable=SC2086
      cordial diff "$CORDIAL_DIFF_BASE" $(for p in $paths; do printf -- '--path %s ' "$p"; done)
    fi
  } >>"$GITHUB_STEP_SUMMARY"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$status" >>"$GITHUB_OUTPUT"
  echo "sarif=$sarif" >>"$GITHUB_OUTPUT"
fi
exit 0
