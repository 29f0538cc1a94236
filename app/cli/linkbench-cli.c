/* linkbench-cli.c: the headless entry point (same core as the GUI; for scripts, cron, tests).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <sqlite3.h>

#include "lb-cli.h"
#include "sqlserver/lb-freetds-conf.h"

static int
version_run (LbCli *cli,
             int    argc,
             char **argv)
{
  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_string_member (object, "version", PACKAGE_VERSION);
      json_object_set_int_member (object, "schema_version", LB_SCHEMA_VERSION);
      json_object_set_string_member (object, "sqlite", sqlite3_libversion ());
      json_node_set_object (node, object);
      lb_cli_print_json (node);
    }
  else
    g_print (_("linkbench-cli %s (database schema %d, SQLite %s)\n"), PACKAGE_VERSION, LB_SCHEMA_VERSION,
             sqlite3_libversion ());
  return LB_CLI_OK;
}

static const LbCliCommand commands[] = {
  { "project", N_("Projects: one per linked database"), lb_cli_project_run },
  { "wave", N_("Migration waves"), lb_cli_wave_run },
  { "readiness", N_("Production-readiness controls and prerequisites"), lb_cli_readiness_run },
  { "capacity", N_("Capacity tests against a target SKU"), lb_cli_capacity_run },
  { "rehearsal", N_("Failover drills and cutover rehearsals"), lb_cli_rehearsal_run },
  { "runbook", N_("The runbook each kind of drill starts with"), lb_cli_runbook_run },
  { "evidence", N_("The evidence locker: files and text"), lb_cli_evidence_run },
  { "cost", N_("Cost items with tags"), lb_cli_cost_run },
  { "risk", N_("The risk register"), lb_cli_risk_run },
  { "approve", N_("Sign-offs: go/no-go, rehearsal acceptance, design"), lb_cli_approve_run },
  { "portfolio", N_("Every project at a glance"), lb_cli_portfolio_run },
  { "chart", N_("Draw the replication lag as PNG, SVG or PDF"), lb_cli_chart_run },
  { "lag", N_("Replication lag statistics"), lb_cli_lag_run },
  { "report", N_("Export the cutover report: go/no-go verdict with its evidence"), lb_cli_report_run },
  { "import", N_("Keep Azure’s link and instance state (az or ARM JSON) as evidence"), lb_cli_import_run },
  { "drift", N_("Compare the link with its approved design"), lb_cli_drift_run },
  { "azure", N_("Read the link and instance state from Azure and check it for drift"), lb_cli_azure_run },
  { "profile", N_("Connection profiles for SQL Server and the managed instance"), lb_cli_profile_run },
  { "probe", N_("Check the link's SQL Server-side prerequisites on a live server"), lb_cli_probe_run },
  { "sample", N_("Sample the link's replication lag from its SQL Server primary"), lb_cli_sample_run },
  { "links", N_("List a server's links and bind a project to one"), lb_cli_links_run },
  { "roles", N_("Ask both sides of a link for their role: detect split brain"), lb_cli_roles_run },
  { "demo", N_("Fill an empty database with the demo portfolio"), lb_cli_demo_run },
  { "check", N_("Check the database’s integrity"), lb_cli_check_run },
  { "backup", N_("Copy the database, also while Linkbench has it open"), lb_cli_backup_run },
  { "restore", N_("Put a backup back as the database"), lb_cli_restore_run },
  { "version", N_("Print the version"), version_run },
  { NULL, NULL, NULL },
};

static void
print_help (void)
{
  g_autofree char *default_path = lb_store_default_path ();

  g_print ("%s\n\n", _("Usage: linkbench-cli [--db PATH] [--json] COMMAND [ARGUMENTS…]"));
  g_print ("%s\n\n", _("Linkbench keeps the evidence that decides a Managed Instance link cutover."));
  g_print ("%s\n", _("Options:"));
  g_print ("  --db PATH   %s\n", _("database file (default: $LINKBENCH_DB, else the file below)"));
  g_print ("              %s\n", default_path);
  g_print ("  --json      %s\n", _("machine-readable output"));
  g_print ("  --help      %s\n", _("show help; also after any command"));
  g_print ("  --version   %s\n\n", _("print the version"));
  g_print ("%s\n", _("Commands:"));
  for (const LbCliCommand *c = commands; c->name != NULL; c++)
    g_print ("  %-10s  %s\n", c->name, _(c->summary));
  g_print ("\n%s\n", _("Exit status: 0 ok, 1 failure, 2 usage error."));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  LbCli cli = { NULL, FALSE, NULL };
  int status = LB_CLI_USAGE;
  const char *command = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("linkbench-cli");
  /* Before any thread: FreeTDS finds its configuration through the environment. */
  lb_freetds_conf_init ();

  /* Global options may stand before or after the command. */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        cli.json = TRUE;
      else if (g_str_equal (argv[i], "--db"))
        {
          if (i + 1 >= argc)
            {
              g_free (cli.db_path);
              return lb_cli_usage_error (_("option “--db” needs a file name"));
            }
          g_free (cli.db_path);
          cli.db_path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          g_free (cli.db_path);
          cli.db_path = g_strdup (argv[i] + 5);
        }
      else
        g_ptr_array_add (rest, argv[i]);
    }
  g_ptr_array_add (rest, NULL);

  if (rest->len > 1)
    command = rest->pdata[0];

  if (command == NULL)
    {
      print_help ();
      status = LB_CLI_USAGE;
    }
  else if (g_str_equal (command, "--help") || g_str_equal (command, "-h") || g_str_equal (command, "help"))
    {
      print_help ();
      status = LB_CLI_OK;
    }
  else if (g_str_equal (command, "--version"))
    status = version_run (&cli, 0, NULL);
  else
    {
      const LbCliCommand *found = NULL;

      for (const LbCliCommand *c = commands; c->name != NULL; c++)
        if (g_str_equal (c->name, command))
          found = c;
      if (found != NULL)
        status = found->run (&cli, (int) rest->len - 2, (char **) rest->pdata + 1);
      else if (g_str_has_prefix (command, "-"))
        status = lb_cli_usage_error (_("unknown option “%s”"), command);
      else
        status = lb_cli_usage_error (_("unknown command “%s”"), command);
    }

  g_clear_object (&cli.store);
  g_free (cli.db_path);
  return status;
}
