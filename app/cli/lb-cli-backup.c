/* lb-cli-backup.c: linkbench-cli backup and restore — a consistent copy of the database
 * while the GUI keeps working with it, and putting one back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-cli.h"

/* The database these commands work on. Neither opens it as a store: a backup must not
 * migrate or create it, and a restore replaces it. */
static const char *
database_path (LbCli *cli)
{
  if (cli->db_path == NULL)
    cli->db_path = lb_store_default_path ();
  return cli->db_path;
}

static void
print_result (LbCli      *cli,
              const char *action,
              const char *database,
              const char *file,
              int         schema_version)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "action", action);
  json_object_set_string_member (object, "database", database);
  json_object_set_string_member (object, "file", file);
  json_object_set_int_member (object, "schema_version", schema_version);
  json_node_set_object (node, object);
  lb_cli_print_json (node);
}

int
lb_cli_backup_run (LbCli *cli,
                   int    argc,
                   char **argv)
{
  static const char *const allowed[] = { "output", NULL };
  g_autoptr(GPtrArray) args = lb_cli_expand_output_option (argc, argv);
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  const char *output;
  const char *database;
  int version = 0;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] backup -o FILE"),
               _("Writes a copy of the database to FILE with SQLite's online backup API: everything\n"
                 "committed so far, also while Linkbench has the database open and keeps writing.\n"
                 "FILE is written under a temporary name and renamed when complete, readable by you\n"
                 "only; an existing FILE is replaced. The database itself is not changed (nor\n"
                 "upgraded). “linkbench-cli restore FILE” puts the copy back."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options_only (argc, (char **) args->pdata, NULL, allowed, &options))
    return LB_CLI_USAGE;
  if ((output = lb_cli_option_get (options, "output")) == NULL || *output == '\0')
    return lb_cli_usage_error (_("-o FILE is required"));

  database = database_path (cli);
  if (!lb_store_backup_file (database, output, &version, &error))
    return lb_cli_report_error (cli, error);
  if (cli->json)
    print_result (cli, "backup", database, output, version);
  else
    g_print (_("Backed up %s (schema version %d) to %s.\n"), database, version, output);
  return LB_CLI_OK;
}

int
lb_cli_restore_run (LbCli *cli,
                    int    argc,
                    char **argv)
{
  static const char *const flags[] = { "force", NULL };
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  LbStoreRestoreFlags restore_flags = LB_STORE_RESTORE_NONE;
  const char *database;
  const char *file;
  int version = 0;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] restore FILE [--force]"),
               _("Puts the backup FILE back as the database. FILE must be a Linkbench database of this or\n"
                 "an older schema version, and undamaged (SQLite's integrity check); an older one is\n"
                 "upgraded when next opened. An existing database is replaced only with --force, and\n"
                 "only when no other program (Linkbench itself) has it open. The restored file is\n"
                 "written next to the database and renamed over it when complete: a failed restore\n"
                 "leaves the database as it was."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, flags, &positional, &options))
    return LB_CLI_USAGE;
  if (!lb_cli_only_options (options, flags))
    return LB_CLI_USAGE;
  if (positional->len != 1)
    return positional->len == 0 ? lb_cli_usage_error (_("give the backup FILE to restore"))
                                : lb_cli_usage_error (_("unexpected argument “%s”"), (char *) positional->pdata[1]);
  if (lb_cli_option_get (options, "force") != NULL)
    restore_flags |= LB_STORE_RESTORE_FORCE;

  file = positional->pdata[0];
  database = database_path (cli);
  if (!lb_store_restore (file, database, restore_flags, &version, &error))
    {
      lb_cli_report_error (cli, error);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_printerr ("%s\n", _("Give --force to replace it; “linkbench-cli backup -o FILE” keeps a copy of it first."));
      return LB_CLI_FAILURE;
    }
  if (cli->json)
    print_result (cli, "restore", database, file, version);
  else
    {
      g_print (_("Restored %s (schema version %d) to %s.\n"), file, version, database);
      if (version < LB_SCHEMA_VERSION)
        g_print (_("It will be upgraded to schema version %d when next opened, after a copy of it is kept.\n"),
                 LB_SCHEMA_VERSION);
    }
  return LB_CLI_OK;
}
