/* lb-cli.h: what the command groups of linkbench-cli share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lb-core.h"

G_BEGIN_DECLS

/* Exit statuses (DESIGN.md, "Command line"). */
#define LB_CLI_OK 0
#define LB_CLI_FAILURE 1
#define LB_CLI_USAGE 2

typedef struct
{
  char    *db_path;
  gboolean json;
  LbStore *store; /* opened on first use */
} LbCli;

typedef struct
{
  const char *name;
  const char *summary; /* N_() */
  int       (*run) (LbCli *cli, int argc, char **argv);
} LbCliCommand;

/* One KEY VALUE pair from "--key value" / "--key=value", or a bare flag (value NULL). */
typedef struct
{
  char *key;
  char *value;
} LbCliOption;

LbStore   *lb_cli_get_store         (LbCli              *cli);
int        lb_cli_usage_error       (const char         *format,
                                     ...) G_GNUC_PRINTF (1, 2);
int        lb_cli_report_error      (LbCli              *cli,
                                     const GError       *error);
gboolean   lb_cli_wants_help        (int                 argc,
                                     char              **argv);
/* Splits argv into positional arguments and options. @flags lists options that take no
 * value. Returns FALSE (after printing a usage message) on a dangling option. */
gboolean   lb_cli_parse_options     (int                 argc,
                                     char              **argv,
                                     const char *const  *flags,
                                     GPtrArray         **positional,
                                     GArray            **options);
void       lb_cli_options_free      (GArray             *options);
const char *lb_cli_option_get       (GArray             *options,
                                     const char         *key);
/* For commands that take options only: lb_cli_parse_options(), then refuses positional
 * arguments and options not in @allowed (FALSE after a usage message). */
gboolean   lb_cli_parse_options_only (int                argc,
                                      char             **argv,
                                      const char *const *flags,
                                      const char *const *allowed,
                                      GArray           **options);
/* A length option ("90", "15m"): TRUE leaving @ms alone when absent; FALSE after a usage
 * message when unreadable or under @minimum_ms. */
gboolean   lb_cli_time_option       (GArray             *options,
                                     const char         *key,
                                     gint64              minimum_ms,
                                     gint64             *ms);
/* FALSE (after a usage message) when an option is not in @allowed. */
gboolean   lb_cli_only_options      (GArray             *options,
                                     const char *const  *allowed);
/* argv with "-o" spelled "--output", the option the parser knows; the strings stay
 * argv's. */
GPtrArray *lb_cli_expand_output_option (int              argc,
                                        char           **argv);

/* Sets record fields from options named after them ("--source-server X"). References take
 * an id or the referenced record's name. Fails with exit status LB_CLI_USAGE for an
 * unknown option or an unreadable value (message printed), else LB_CLI_OK. @ignore lists
 * options the caller handles itself. */
int        lb_cli_apply_options     (LbCli              *cli,
                                     gpointer            record,
                                     GArray             *options,
                                     const char *const  *ignore);
char              *lb_cli_option_name (const LbFieldInfo  *field);
const LbFieldInfo *lb_cli_find_field  (const LbRecordKind *kind,
                                       const char         *option);
/* A reference option's value: an id, or the referenced record's name. */
int        lb_cli_resolve_reference (LbCli              *cli,
                                     const LbFieldInfo  *field,
                                     const char         *value,
                                     gint64             *id);
/* Prints the options of @kind's fields, for --help. */
void       lb_cli_print_field_help  (const LbRecordKind *kind);

/* Records that belong to a parent (risks of a project …) are named by id only. */
gboolean   lb_cli_named_by_id       (const LbRecordKind *kind);
/* Finds a record by id or by its title field. Prints the error and returns NULL if none. */
gpointer   lb_cli_lookup            (LbCli              *cli,
                                     const LbRecordKind *kind,
                                     const char         *id_or_name);

/* The project named by --project (required): LB_CLI_OK with @project set, else the exit
 * status after the message (usage error when missing, failure when unknown). */
int        lb_cli_project_option    (LbCli              *cli,
                                     GArray             *options,
                                     LbProject         **project);

/* The connection profile named by --profile and its stored password (NULL when none;
 * free with lb_sql_secret_free()); prints the profile's security warning. NULL after a
 * message, with the exit status in @status. */
LbConnectionProfile *lb_cli_profile_option (LbCli   *cli,
                                            GArray  *options,
                                            char   **password,
                                            int     *status);
/* One line of standard input, without echo when it is a terminal (after @prompt on
 * standard error); NULL at end of input. Wipe it with lb_sql_profile_free_secret_string(). */
char      *lb_cli_read_secret       (const char         *prompt);
/* "90", "90s", "15m", "2h" → milliseconds; -1 when unreadable. */
gint64     lb_cli_parse_duration_ms (const char         *text);
/* Runs @func (@data) on a worker thread; Ctrl+C or SIGTERM cancels @cancellable. */
void       lb_cli_run_interruptible (GThreadFunc         func,
                                     gpointer            data,
                                     GCancellable       *cancellable);

/* Output: JSON (with --json) or text for people. */
void       lb_cli_print_json        (JsonNode           *node);
void       lb_cli_print_record      (LbCli              *cli,
                                     gconstpointer       record);
void       lb_cli_print_records     (LbCli              *cli,
                                     GPtrArray          *records,
                                     const char *const  *columns);
/* The text shown for a field: enum labels, referenced records by name. */
char      *lb_cli_field_text        (LbCli              *cli,
                                     const LbFieldInfo  *field,
                                     gconstpointer       record);

/* "GROUP move ID up|down" for records kept in order (waves, runbook steps); @help says what
 * moves. */
typedef gboolean (*LbCliMoveFunc) (LbStore  *store,
                                   gint64    id,
                                   int       delta,
                                   GError  **error);
int        lb_cli_run_move          (LbCli              *cli,
                                     int                 argc,
                                     char              **argv,
                                     const LbRecordKind *kind,
                                     const char         *group,
                                     const char         *help,
                                     LbCliMoveFunc       move);

/* add | list | show | edit | delete for one record kind. */
typedef struct
{
  const char         *group;
  const LbRecordKind *kind;
  const char *const  *list_columns;
  /* Extra lines for "show" (e.g. a project's record counts); may be NULL. */
  void              (*show_extra) (LbCli *cli, gconstpointer record, JsonObject *json);
  /* Options of "add" that are not fields (evidence's --file), handled by prepare_add
   * before the field options are applied; both may be NULL. */
  const char *const  *add_options;
  const char         *add_options_help;
  int               (*prepare_add) (LbCli *cli, gpointer record, GArray *options);
  /* Checks and fills what follows from the given fields (a capacity test's vCores and
   * verdict); returns an exit status. May be NULL. */
  int               (*complete_add) (LbCli *cli, gpointer record);
  /* Commands beyond add|list|show|edit|delete (rehearsal start …); NULL-terminated. */
  const LbCliCommand *extra_commands;
} LbCliRecordGroup;

int        lb_cli_record_group_run  (LbCli                  *cli,
                                     const LbCliRecordGroup *group,
                                     int                     argc,
                                     char                  **argv);

int lb_cli_project_run (LbCli *cli, int argc, char **argv);
int lb_cli_readiness_run (LbCli *cli, int argc, char **argv);
int lb_cli_capacity_run  (LbCli *cli, int argc, char **argv);
int lb_cli_rehearsal_run (LbCli *cli, int argc, char **argv);
int lb_cli_runbook_run   (LbCli *cli, int argc, char **argv);
int lb_cli_evidence_run  (LbCli *cli, int argc, char **argv);
int lb_cli_cost_run      (LbCli *cli, int argc, char **argv);
int lb_cli_risk_run      (LbCli *cli, int argc, char **argv);
int lb_cli_approve_run   (LbCli *cli, int argc, char **argv);
int lb_cli_portfolio_run (LbCli *cli, int argc, char **argv);
int lb_cli_chart_run     (LbCli *cli, int argc, char **argv);
int lb_cli_lag_run       (LbCli *cli, int argc, char **argv);
int lb_cli_report_run    (LbCli *cli, int argc, char **argv);
int lb_cli_drift_run     (LbCli *cli, int argc, char **argv);
int lb_cli_import_run    (LbCli *cli, int argc, char **argv);
int lb_cli_azure_run (LbCli *cli, int argc, char **argv);
int lb_cli_profile_run (LbCli *cli, int argc, char **argv);
int lb_cli_probe_run  (LbCli *cli, int argc, char **argv);
int lb_cli_sample_run (LbCli *cli, int argc, char **argv);
int lb_cli_links_run  (LbCli *cli, int argc, char **argv);
int lb_cli_roles_run  (LbCli *cli, int argc, char **argv);
int lb_cli_wave_run    (LbCli *cli, int argc, char **argv);
int lb_cli_demo_run    (LbCli *cli, int argc, char **argv);
int lb_cli_check_run   (LbCli *cli, int argc, char **argv);
int lb_cli_backup_run  (LbCli *cli, int argc, char **argv);
int lb_cli_restore_run (LbCli *cli, int argc, char **argv);

G_END_DECLS
