/* lb-cli-records.c: add | list | show | edit | delete, once for every record kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lb-cli.h"

static void
print_command_help (const LbCliRecordGroup *group,
                    const char             *command,
                    const char             *arguments,
                    const char             *summary,
                    gboolean                fields)
{
  g_print (_("Usage: linkbench-cli [--db PATH] [--json] %s %s %s\n\n%s\n"), group->group, command, arguments,
           summary);
  if (fields)
    {
      g_print ("\n");
      lb_cli_print_field_help (group->kind);
    }
}

static int
expect_no_options (GArray *options)
{
  if (options->len > 0)
    return lb_cli_usage_error (_("unknown option “--%s”"), g_array_index (options, LbCliOption, 0).key);
  return LB_CLI_OK;
}

static int
record_add (LbCli                  *cli,
            const LbCliRecordGroup *group,
            int                     argc,
            char                  **argv)
{
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  gpointer record;
  LbStore *store;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_autofree char *arguments = g_strdup_printf ("[%s] [OPTIONS]", _("NAME"));

      print_command_help (group, "add", arguments, _("Creates a record. NAME sets the name (or title)."), TRUE);
      if (group->add_options_help != NULL)
        g_print ("\n%s\n", _(group->add_options_help));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  if (positional->len > 1)
    return lb_cli_usage_error (_("unexpected argument “%s”"), (char *) positional->pdata[1]);

  record = lb_record_new (group->kind);
  if (positional->len == 1 &&
      !lb_record_set_from_string (record, group->kind->title_field, positional->pdata[0], &error))
    {
      lb_record_free (record);
      return lb_cli_report_error (cli, error);
    }
  status = LB_CLI_OK;
  if (group->prepare_add != NULL)
    status = group->prepare_add (cli, record, options);
  if (status == LB_CLI_OK)
    status = lb_cli_apply_options (cli, record, options, group->add_options);
  if (status == LB_CLI_OK && group->complete_add != NULL)
    status = group->complete_add (cli, record);
  if (status != LB_CLI_OK || (store = lb_cli_get_store (cli)) == NULL)
    {
      lb_record_free (record);
      return status != LB_CLI_OK ? status : LB_CLI_FAILURE;
    }
  if (!lb_store_insert (store, record, &error))
    {
      lb_record_free (record);
      return lb_cli_report_error (cli, error);
    }

  if (cli->json)
    lb_cli_print_record (cli, record);
  else
    {
      g_autofree char *name = lb_record_describe (record);

      /* TRANSLATORS: "Created Project “ERP” (id 4)." */
      g_print (_("Created %s “%s” (id %lld).\n"), _(group->kind->label), name, (long long) LB_RECORD_ID (record));
    }
  lb_record_free (record);
  return LB_CLI_OK;
}

static int
record_list (LbCli                  *cli,
             const LbCliRecordGroup *group,
             int                     argc,
             char                  **argv)
{
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  const LbFieldInfo *parent = lb_record_kind_parent_field (group->kind);
  const LbFieldInfo *filter = NULL;
  gint64 filter_id = 0;
  LbStore *store;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_autofree char *arguments = NULL;

      if (parent != NULL)
        {
          g_autofree char *option = lb_cli_option_name (parent);

          arguments = g_strdup_printf ("[--%s %s]", option, _("NAME|ID"));
        }
      print_command_help (group, "list", arguments != NULL ? arguments : "",
                          parent != NULL ? _("Lists the records, all or those of one parent.") : _("Lists the records."),
                          FALSE);
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  if (positional->len > 0)
    return lb_cli_usage_error (_("unexpected argument “%s”"), (char *) positional->pdata[0]);
  for (guint i = 0; i < options->len; i++)
    {
      const LbCliOption *option = &g_array_index (options, LbCliOption, i);
      const LbFieldInfo *field = lb_cli_find_field (group->kind, option->key);

      /* Only the owning record filters a list (risk list --project ERP). */
      if (field == NULL || field != parent || option->value == NULL)
        return lb_cli_usage_error (_("unknown option “--%s”"), option->key);
      if ((status = lb_cli_resolve_reference (cli, field, option->value, &filter_id)) != LB_CLI_OK)
        return status;
      filter = field;
    }
  if ((store = lb_cli_get_store (cli)) == NULL)
    return LB_CLI_FAILURE;

  records = lb_store_list (store, group->kind, filter != NULL ? filter->name : NULL, filter_id, &error);
  if (records == NULL)
    return lb_cli_report_error (cli, error);
  lb_cli_print_records (cli, records, group->list_columns);
  return LB_CLI_OK;
}

/* Parses "COMMAND NAME|ID [OPTIONS]" and finds the record. */
static int
parse_target (LbCli                  *cli,
              const LbCliRecordGroup *group,
              int                     argc,
              char                  **argv,
              GArray                **options,
              gpointer               *record)
{
  g_autoptr(GPtrArray) positional = NULL;

  if (!lb_cli_parse_options (argc, argv, NULL, &positional, options))
    return LB_CLI_USAGE;
  if (positional->len == 0)
    return lb_cli_usage_error (_("which %s? Give its name or id"), _(group->kind->label));
  if (positional->len > 1)
    return lb_cli_usage_error (_("unexpected argument “%s”"), (char *) positional->pdata[1]);
  if (lb_cli_named_by_id (group->kind) && strspn (positional->pdata[0], "0123456789") != strlen (positional->pdata[0]))
    return lb_cli_usage_error (_("give the id of the %s, not “%s” (ids are in the first column of “list”)"),
                               _(group->kind->label), (char *) positional->pdata[0]);
  *record = lb_cli_lookup (cli, group->kind, positional->pdata[0]);
  return *record != NULL ? LB_CLI_OK : LB_CLI_FAILURE;
}

static int
record_show (LbCli                  *cli,
             const LbCliRecordGroup *group,
             int                     argc,
             char                  **argv)
{
  g_autoptr(GArray) options = NULL;
  gpointer record = NULL;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      print_command_help (group, "show", _("NAME|ID"), _("Shows one record with all its fields."), FALSE);
      return LB_CLI_OK;
    }
  if ((status = parse_target (cli, group, argc, argv, &options, &record)) != LB_CLI_OK)
    return status;
  if ((status = expect_no_options (options)) != LB_CLI_OK)
    {
      lb_record_free (record);
      return status;
    }

  if (cli->json)
    {
      g_autoptr(JsonNode) node = lb_record_to_json (record);

      if (group->show_extra != NULL)
        group->show_extra (cli, record, json_node_get_object (node));
      lb_cli_print_json (node);
    }
  else
    {
      lb_cli_print_record (cli, record);
      if (group->show_extra != NULL)
        group->show_extra (cli, record, NULL);
    }
  lb_record_free (record);
  return LB_CLI_OK;
}

static int
record_edit (LbCli                  *cli,
             const LbCliRecordGroup *group,
             int                     argc,
             char                  **argv)
{
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  gpointer record = NULL;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_autofree char *arguments = g_strdup_printf ("%s [OPTIONS]", _("NAME|ID"));

      print_command_help (group, "edit", arguments, _("Changes the fields given as options."), TRUE);
      return LB_CLI_OK;
    }
  if ((status = parse_target (cli, group, argc, argv, &options, &record)) != LB_CLI_OK)
    return status;
  if (options->len == 0)
    {
      lb_record_free (record);
      return lb_cli_usage_error (_("nothing to change: give the fields as options, e.g. --name"));
    }
  status = lb_cli_apply_options (cli, record, options, NULL);
  if (status == LB_CLI_OK && !lb_store_update (cli->store, record, &error))
    status = lb_cli_report_error (cli, error);
  if (status == LB_CLI_OK)
    {
      if (cli->json)
        lb_cli_print_record (cli, record);
      else
        {
          g_autofree char *name = lb_record_describe (record);

          g_print (_("Saved %s “%s”.\n"), _(group->kind->label), name);
        }
    }
  lb_record_free (record);
  return status;
}

static int
record_delete (LbCli                  *cli,
               const LbCliRecordGroup *group,
               int                     argc,
               char                  **argv)
{
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gpointer record = NULL;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      print_command_help (group, "delete", _("NAME|ID"),
                          _("Deletes the record and everything that belongs to it. The audit log keeps its "
                            "last state."),
                          FALSE);
      return LB_CLI_OK;
    }
  if ((status = parse_target (cli, group, argc, argv, &options, &record)) != LB_CLI_OK)
    return status;
  name = lb_record_describe (record);
  if ((status = expect_no_options (options)) == LB_CLI_OK &&
      !lb_store_delete (cli->store, group->kind, LB_RECORD_ID (record), &error))
    status = lb_cli_report_error (cli, error);
  if (status == LB_CLI_OK)
    {
      if (cli->json)
        {
          g_autoptr(JsonNode) node = lb_record_to_json (record);

          lb_cli_print_json (node);
        }
      else
        g_print (_("Deleted %s “%s”.\n"), _(group->kind->label), name);
    }
  lb_record_free (record);
  return status;
}

int
lb_cli_record_group_run (LbCli                  *cli,
                         const LbCliRecordGroup *group,
                         int                     argc,
                         char                  **argv)
{
  static const struct
  {
    const char *name;
    const char *summary;
    int       (*run) (LbCli *, const LbCliRecordGroup *, int, char **);
  } commands[] = {
    { "add", N_("Create a record"), record_add },
    { "list", N_("List the records"), record_list },
    { "show", N_("Show one record"), record_show },
    { "edit", N_("Change fields of a record"), record_edit },
    { "delete", N_("Delete a record"), record_delete },
  };

  if (argc == 0 || g_str_equal (argv[0], "--help") || g_str_equal (argv[0], "-h") || g_str_equal (argv[0], "help"))
    {
      g_print (_("Usage: linkbench-cli [--db PATH] [--json] %s COMMAND [OPTIONS]\n\n%s\n\nCommands:\n"),
               group->group, _(group->kind->plural));
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        g_print ("  %-8s %s\n", commands[i].name, _(commands[i].summary));
      for (const LbCliCommand *c = group->extra_commands; c != NULL && c->name != NULL; c++)
        g_print ("  %-8s %s\n", c->name, _(c->summary));
      g_print (_("\nRun “linkbench-cli %s COMMAND --help” for the options of a command.\n"), group->group);
      return argc == 0 ? LB_CLI_USAGE : LB_CLI_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, argv[0]))
      return commands[i].run (cli, group, argc - 1, argv + 1);
  for (const LbCliCommand *c = group->extra_commands; c != NULL && c->name != NULL; c++)
    if (g_str_equal (c->name, argv[0]))
      return c->run (cli, argc - 1, argv + 1);

  return lb_cli_usage_error (_("“%s” is not a command of “%s”"), argv[0], group->group);
}
