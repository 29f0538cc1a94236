/* cli-test-common.h: running linkbench-cli from the CLI tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

void      run_clear      (Run               *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs linkbench-cli with @args (NULL-terminated), optional environment additions (name,
 * value, …, NULL) and optional text on its standard input. */
void      run_cli_input  (Run               *run,
                          const char *const *env_add,
                          const char        *input,
                          const char *const *args);
void      run_cli_env    (Run               *run,
                          const char *const *env_add,
                          const char *const *args);
JsonNode *parse_json     (const char        *text);

#define RUN(run, ...) run_cli_env (run, NULL, (const char *const[]) { __VA_ARGS__, NULL })

G_END_DECLS
