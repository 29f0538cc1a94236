/* lb-cli-check.c: linkbench-cli check — integrity, references, schema and rollups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-cli.h"

int
lb_cli_check_run (LbCli *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  LbStore *store;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] check"),
               _("Checks the database: SQLite integrity_check, foreign_key_check, the schema version,\n"
                 "and that the lag rollups equal a recomputation from the raw samples.\n"
                 "Exit status 0 when healthy, 1 when a problem was found."));
      return LB_CLI_OK;
    }
  if (argc > 0)
    return lb_cli_usage_error (_("unexpected argument “%s”"), argv[0]);
  if ((store = lb_cli_get_store (cli)) == NULL)
    return LB_CLI_FAILURE;
  if (!lb_store_check (store, &problems, &error))
    return lb_cli_report_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonArray) list = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      for (guint i = 0; i < problems->len; i++)
        json_array_add_string_element (list, problems->pdata[i]);
      json_object_set_boolean_member (object, "ok", problems->len == 0);
      json_object_set_string_member (object, "database", lb_store_get_path (store));
      json_object_set_int_member (object, "schema_version", lb_store_get_schema_version (store));
      json_object_set_array_member (object, "problems", json_array_ref (list));
      json_node_set_object (node, object);
      lb_cli_print_json (node);
    }
  else if (problems->len == 0)
    g_print (_("%s: ok (schema version %d)\n"), lb_store_get_path (store), lb_store_get_schema_version (store));
  else
    {
      g_print (_("%s: %u problems found\n"), lb_store_get_path (store), problems->len);
      for (guint i = 0; i < problems->len; i++)
        g_print ("  %s\n", (char *) problems->pdata[i]);
    }
  return problems->len == 0 ? LB_CLI_OK : LB_CLI_FAILURE;
}
