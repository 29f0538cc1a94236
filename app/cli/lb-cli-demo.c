/* lb-cli-demo.c: linkbench-cli demo — fill an empty database with the demo portfolio.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "lb-cli.h"

static gboolean
parse_number (const char *option,
              const char *text,
              gint64      min,
              gint64      max,
              gint64     *out)
{
  g_autoptr(GError) error = NULL;
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, (guint64) min, (guint64) max, &value, &error))
    {
      lb_cli_usage_error (_("option “--%s”: %s"), option, error->message);
      return FALSE;
    }
  *out = (gint64) value;
  return TRUE;
}

int
lb_cli_demo_run (LbCli *cli,
                 int    argc,
                 char **argv)
{
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  LbDemoOptions demo;
  LbStore *store;
  gint64 value;
  gint64 started;
  const char *text;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] demo [--seed N] [--days N] [--anchor DATE]"),
               _("Fills an empty database with a realistic demo portfolio: three case studies and more\n"
                 "databases across waves, with readiness, capacity tests, rehearsals, evidence, costs,\n"
                 "risks, approvals and days of replication-lag samples. The same seed and anchor give\n"
                 "the same database.\n\n"
                 "  --seed N        random seed (default 1)\n"
                 "  --days N        days of lag history per project (default 7)\n"
                 "  --anchor DATE   the demo's “now” (default: the current hour)"));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  if (positional->len > 0)
    return lb_cli_usage_error (_("unexpected argument “%s”"), (char *) positional->pdata[0]);

  lb_demo_options_init (&demo);
  /* The current hour: two runs within the hour give the same database. */
  demo.anchor = lb_time_now_ms () / 3600000 * 3600000;
  for (guint i = 0; i < options->len; i++)
    {
      const LbCliOption *option = &g_array_index (options, LbCliOption, i);

      if (g_str_equal (option->key, "seed"))
        {
          if (!parse_number ("seed", option->value, 0, G_MAXUINT32, &value))
            return LB_CLI_USAGE;
          demo.seed = (guint32) value;
        }
      else if (g_str_equal (option->key, "days"))
        {
          if (!parse_number ("days", option->value, 0, 366, &value))
            return LB_CLI_USAGE;
          demo.lag_days = (int) value;
        }
      else if (g_str_equal (option->key, "anchor"))
        {
          text = option->value;
          if (!lb_time_parse (text, NULL, &demo.anchor))
            return lb_cli_usage_error (_("option “--anchor”: “%s” is not a date such as 2026-11-29 14:00"), text);
        }
      else
        return lb_cli_usage_error (_("unknown option “--%s”"), option->key);
    }

  if ((store = lb_cli_get_store (cli)) == NULL)
    return LB_CLI_FAILURE;
  started = g_get_monotonic_time ();
  if (!lb_demo_generate (store, &demo, NULL, &error))
    return lb_cli_report_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_string_member (object, "database", lb_store_get_path (store));
      for (guint k = 0; lb_record_kinds[k] != NULL; k++)
        json_object_set_int_member (object, lb_record_kinds[k]->table,
                                    lb_store_count (store, lb_record_kinds[k], NULL, 0, NULL));
      json_node_set_object (node, object);
      lb_cli_print_json (node);
    }
  else
    g_print (_("Demo portfolio written to %s: %lld projects in %lld waves (%.1f s).\n"), lb_store_get_path (store),
             (long long) lb_store_count (store, &lb_project_kind, NULL, 0, NULL),
             (long long) lb_store_count (store, &lb_wave_kind, NULL, 0, NULL),
             (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  return LB_CLI_OK;
}
