/* lb-cli-common.c: option parsing, record lookup and output shared by every command group.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "lb-cli.h"

LbStore *
lb_cli_get_store (LbCli *cli)
{
  g_autoptr(GError) error = NULL;

  if (cli->store != NULL)
    return cli->store;

  if (cli->db_path == NULL)
    cli->db_path = lb_store_default_path ();
  cli->store = lb_store_open (cli->db_path, &error);
  if (cli->store == NULL)
    lb_cli_report_error (cli, error);
  return cli->store;
}

int
lb_cli_usage_error (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("linkbench-cli: %s\n", message);
  g_printerr ("%s\n", _("Try “linkbench-cli --help”."));
  return LB_CLI_USAGE;
}

static char *
option_for_field_name (const char *name)
{
  for (guint k = 0; lb_record_kinds[k] != NULL; k++)
    {
      const LbFieldInfo *field = lb_record_kind_find_field (lb_record_kinds[k], name);

      if (field != NULL)
        return lb_cli_option_name (field);
    }
  return g_strdelimit (g_strdup (name), "_", '-');
}

int
lb_cli_report_error (LbCli        *cli,
                     const GError *error)
{
  const char *field = lb_validation_error_get_field (error);

  if (field != NULL)
    {
      g_autofree char *option = option_for_field_name (field);

      /* TRANSLATORS: "linkbench-cli: Name: must not be empty (option --name)" */
      g_printerr (_("linkbench-cli: %s (option --%s)\n"), error->message, option);
    }
  else
    g_printerr ("linkbench-cli: %s\n", error->message);
  return LB_CLI_FAILURE;
}

gboolean
lb_cli_wants_help (int    argc,
                   char **argv)
{
  for (int i = 0; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      return TRUE;
  return FALSE;
}

static void
clear_option (gpointer data)
{
  LbCliOption *option = data;

  g_free (option->key);
  g_free (option->value);
}

gboolean
lb_cli_parse_options (int                argc,
                      char             **argv,
                      const char *const *flags,
                      GPtrArray        **positional,
                      GArray           **options)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) opts = g_array_new (FALSE, TRUE, sizeof (LbCliOption));
  gboolean only_positional = FALSE;

  g_array_set_clear_func (opts, clear_option);

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      LbCliOption option = { NULL, NULL };
      const char *eq;

      if (only_positional || !g_str_has_prefix (arg, "--") || arg[2] == '\0')
        {
          if (g_str_equal (arg, "--") && !only_positional)
            only_positional = TRUE;
          else
            g_ptr_array_add (args, g_strdup (arg));
          continue;
        }

      eq = strchr (arg, '=');
      if (eq != NULL)
        {
          option.key = g_strndup (arg + 2, eq - arg - 2);
          option.value = g_strdup (eq + 1);
        }
      else
        {
          option.key = g_strdup (arg + 2);
          if (flags == NULL || !g_strv_contains (flags, option.key))
            {
              if (i + 1 >= argc)
                {
                  lb_cli_usage_error (_("option “--%s” needs a value"), option.key);
                  g_free (option.key);
                  return FALSE;
                }
              option.value = g_strdup (argv[++i]);
            }
        }
      g_array_append_val (opts, option);
    }

  *positional = g_steal_pointer (&args);
  *options = g_steal_pointer (&opts);
  return TRUE;
}

void
lb_cli_options_free (GArray *options)
{
  if (options != NULL)
    g_array_unref (options);
}

const char *
lb_cli_option_get (GArray     *options,
                   const char *key)
{
  for (guint i = 0; i < options->len; i++)
    {
      LbCliOption *option = &g_array_index (options, LbCliOption, i);

      if (g_str_equal (option->key, key))
        return option->value != NULL ? option->value : "";
    }
  return NULL;
}

/* "source_server" → "source-server"; references drop their "_id": "wave_id" → "wave". */
char *
lb_cli_option_name (const LbFieldInfo *field)
{
  char *name = g_strdelimit (g_strdup (field->name), "_", '-');

  if (field->type == LB_FIELD_REF && g_str_has_suffix (name, "-id"))
    name[strlen (name) - 3] = '\0';
  return name;
}

const LbFieldInfo *
lb_cli_find_field (const LbRecordKind *kind,
                   const char         *option)
{
  for (int i = 0; i < kind->n_fields; i++)
    {
      g_autofree char *name = lb_cli_option_name (&kind->fields[i]);

      if (g_str_equal (name, option))
        return &kind->fields[i];
    }
  return NULL;
}

static gboolean
is_all_digits (const char *text)
{
  return *text != '\0' && strspn (text, "0123456789") == strlen (text);
}

int
lb_cli_resolve_reference (LbCli             *cli,
                          const LbFieldInfo *field,
                          const char        *value,
                          gint64            *id)
{
  g_autoptr(GError) error = NULL;
  gpointer target;
  LbStore *store;

  g_return_val_if_fail (field->type == LB_FIELD_REF, LB_CLI_USAGE);

  if (is_all_digits (value))
    {
      *id = g_ascii_strtoll (value, NULL, 10);
      return LB_CLI_OK;
    }
  if ((store = lb_cli_get_store (cli)) == NULL)
    return LB_CLI_FAILURE;
  target = lb_store_find (store, field->ref_kind, field->ref_kind->title_field, value, &error);
  if (target == NULL)
    return lb_cli_report_error (cli, error);
  *id = LB_RECORD_ID (target);
  lb_record_free (target);
  return LB_CLI_OK;
}

int
lb_cli_apply_options (LbCli             *cli,
                      gpointer           record,
                      GArray            *options,
                      const char *const *ignore)
{
  const LbRecordKind *kind = lb_record_get_kind (record);

  for (guint i = 0; i < options->len; i++)
    {
      LbCliOption *option = &g_array_index (options, LbCliOption, i);
      g_autoptr(GError) error = NULL;
      const LbFieldInfo *field;
      const char *value = option->value;
      g_autofree char *resolved = NULL;

      if (ignore != NULL && g_strv_contains (ignore, option->key))
        continue;

      field = lb_cli_find_field (kind, option->key);
      if (field == NULL || (field->flags & LB_FIELD_COMPUTED))
        return lb_cli_usage_error (_("unknown option “--%s”"), option->key);
      if (value == NULL)
        return lb_cli_usage_error (_("option “--%s” needs a value"), option->key);

      /* References accept the referenced record's name as well as its id. */
      if (field->type == LB_FIELD_REF && *value != '\0')
        {
          gint64 id;
          int status = lb_cli_resolve_reference (cli, field, value, &id);

          if (status != LB_CLI_OK)
            return status;
          resolved = g_strdup_printf ("%" G_GINT64_FORMAT, id);
          value = resolved;
        }

      if (!lb_record_set_from_string (record, field->name, value, &error))
        {
          g_printerr ("linkbench-cli: %s (option --%s)\n", error->message, option->key);
          return LB_CLI_USAGE;
        }
    }
  return LB_CLI_OK;
}

void
lb_cli_print_field_help (const LbRecordKind *kind)
{
  g_print ("%s\n", _("Fields (as options):"));
  for (int i = 0; i < kind->n_fields; i++)
    {
      const LbFieldInfo *field = &kind->fields[i];
      g_autofree char *option = NULL;
      g_autoptr(GString) hint = g_string_new (NULL);

      if (field->flags & (LB_FIELD_COMPUTED | LB_FIELD_PARENT))
        continue;
      option = lb_cli_option_name (field);

      switch (field->type)
        {
        case LB_FIELD_ENUM:
          for (int v = 0; v < field->enum_info->n_values; v++)
            g_string_append_printf (hint, "%s%s", v ? "|" : "", field->enum_info->values[v].nick);
          break;
        case LB_FIELD_TIME:
          g_string_append (hint, _("DATE"));
          break;
        case LB_FIELD_BOOL:
          g_string_append (hint, "yes|no");
          break;
        case LB_FIELD_REF:
          g_string_append (hint, _("NAME|ID"));
          break;
        case LB_FIELD_INT:
        case LB_FIELD_REAL:
        case LB_FIELD_MONEY:
          g_string_append (hint, _("NUMBER"));
          break;
        case LB_FIELD_TEXT:
        case LB_FIELD_BLOB:
        default:
          g_string_append (hint, _("TEXT"));
          break;
        }

      g_print ("  --%-24s %s%s%s%s%s\n", option, _(field->label),
               field->unit != NULL ? " (" : "", field->unit != NULL ? field->unit : "",
               field->unit != NULL ? ")" : "",
               (field->flags & LB_FIELD_REQUIRED) && field->default_value == NULL ? _(", required") : "");
      g_print ("  %-26s %s\n", "", hint->str);
    }
  g_print ("\n%s\n", _("Dates are read in local time unless they carry an offset: 2026-11-29, "
                       "“2026-11-29 14:30” or 2026-11-29T13:30:00Z. An empty value clears a field."));
}

gboolean
lb_cli_named_by_id (const LbRecordKind *kind)
{
  const LbFieldInfo *parent = lb_record_kind_parent_field (kind);

  /* Titles of risks, rehearsals … repeat across projects: only the id is unambiguous. */
  return parent != NULL && (parent->flags & LB_FIELD_REQUIRED);
}

gpointer
lb_cli_lookup (LbCli              *cli,
               const LbRecordKind *kind,
               const char         *id_or_name)
{
  g_autoptr(GError) error = NULL;
  LbStore *store = lb_cli_get_store (cli);
  gpointer record;

  if (store == NULL)
    return NULL;
  if (is_all_digits (id_or_name))
    {
      record = lb_store_get (store, kind, g_ascii_strtoll (id_or_name, NULL, 10), &error);
      if (record != NULL || lb_cli_named_by_id (kind))
        {
          if (record == NULL)
            lb_cli_report_error (cli, error);
          return record;
        }
      g_clear_error (&error);
    }
  record = lb_store_find (store, kind, kind->title_field, id_or_name, &error);
  if (record == NULL)
    lb_cli_report_error (cli, error);
  return record;
}

void
lb_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

char *
lb_cli_field_text (LbCli             *cli,
                   const LbFieldInfo *field,
                   gconstpointer      record)
{
  if (field->type == LB_FIELD_REF && lb_record_field_is_set (field, record) && cli->store != NULL)
    {
      gpointer target = lb_store_get (cli->store, field->ref_kind, lb_record_get_int (field, record), NULL);

      if (target != NULL)
        {
          char *name = lb_record_describe (target);

          lb_record_free (target);
          return name;
        }
    }
  return lb_record_field_to_display (field, record);
}

void
lb_cli_print_record (LbCli        *cli,
                     gconstpointer record)
{
  const LbRecordKind *kind = lb_record_get_kind (record);
  int width = 0;

  if (cli->json)
    {
      g_autoptr(JsonNode) node = lb_record_to_json (record);

      lb_cli_print_json (node);
      return;
    }

  for (int i = 0; i < kind->n_fields; i++)
    width = MAX (width, g_utf8_strlen (_(kind->fields[i].label), -1));

  g_print ("%-*s  %" G_GINT64_FORMAT "\n", width + 1, "ID:", LB_RECORD_ID_CONST (record));
  for (int i = 0; i < kind->n_fields; i++)
    {
      const LbFieldInfo *field = &kind->fields[i];
      g_autofree char *text = lb_cli_field_text (cli, field, record);
      g_autofree char *label = NULL;
      int pad;

      if (text == NULL || (field->flags & LB_FIELD_PARENT))
        continue;
      label = g_strconcat (_(field->label), ":", NULL);
      /* printf pads by bytes; pad by characters so translated labels line up. */
      pad = width + 1 - (int) g_utf8_strlen (label, -1);
      g_print ("%s%*s  %s\n", label, MAX (pad, 0), "", text);
    }
}

void
lb_cli_print_records (LbCli             *cli,
                      GPtrArray         *records,
                      const char *const *columns)
{
  const LbRecordKind *kind = NULL;
  guint n_columns = g_strv_length ((char **) columns);
  g_autofree int *widths = g_new0 (int, n_columns + 1);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  if (cli->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < records->len; i++)
        json_array_add_element (array, lb_record_to_json (records->pdata[i]));
      json_node_set_array (node, array);
      lb_cli_print_json (node);
      return;
    }

  if (records->len == 0)
    {
      g_print ("%s\n", _("(none)"));
      return;
    }
  kind = lb_record_get_kind (records->pdata[0]);

  /* Row 0 holds the headers; widths in characters. */
  g_ptr_array_add (cells, g_strdup (_("ID")));
  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (cells, g_strdup (_(lb_record_kind_find_field (kind, columns[c])->label)));
  for (guint r = 0; r < records->len; r++)
    {
      g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, LB_RECORD_ID (records->pdata[r])));
      for (guint c = 0; c < n_columns; c++)
        {
          char *text = lb_cli_field_text (cli, lb_record_kind_find_field (kind, columns[c]), records->pdata[r]);

          g_ptr_array_add (cells, text != NULL ? text : g_strdup ("—"));
        }
    }
  for (guint i = 0; i < cells->len; i++)
    {
      guint c = i % (n_columns + 1);

      widths[c] = MAX (widths[c], (int) g_utf8_strlen (cells->pdata[i], -1));
    }
  for (guint i = 0; i < cells->len; i++)
    {
      guint c = i % (n_columns + 1);
      const char *text = cells->pdata[i];

      if (c == n_columns)
        g_print ("%s\n", text);
      else
        g_print ("%s%*s  ", text, widths[c] - (int) g_utf8_strlen (text, -1), "");
    }
}

int
lb_cli_run_move (LbCli              *cli,
                 int                 argc,
                 char              **argv,
                 const LbRecordKind *kind,
                 const char         *group,
                 const char         *help,
                 LbCliMoveFunc       move)
{
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *usage = g_strdup_printf (_("usage: %s move ID up|down"), group);
  const char *direction;
  gpointer record;
  gboolean ok;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print (_("Usage: linkbench-cli [--db PATH] %s move ID up|down"), group);
      g_print ("\n\n%s\n", help);
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  direction = positional->len == 2 ? positional->pdata[1] : NULL;
  if (options->len > 0 || direction == NULL || (!g_str_equal (direction, "up") && !g_str_equal (direction, "down")))
    return lb_cli_usage_error ("%s", usage);
  if ((record = lb_cli_lookup (cli, kind, positional->pdata[0])) == NULL)
    return LB_CLI_FAILURE;
  ok = move (cli->store, LB_RECORD_ID (record), g_str_equal (direction, "up") ? -1 : 1, &error);
  lb_record_free (record);
  return ok ? LB_CLI_OK : lb_cli_report_error (cli, error);
}

gboolean
lb_cli_only_options (GArray            *options,
                     const char *const *allowed)
{
  for (guint i = 0; i < options->len; i++)
    if (!g_strv_contains (allowed, g_array_index (options, LbCliOption, i).key))
      {
        lb_cli_usage_error (_("unknown option “--%s”"), g_array_index (options, LbCliOption, i).key);
        return FALSE;
      }
  return TRUE;
}

gboolean
lb_cli_parse_options_only (int                argc,
                           char             **argv,
                           const char *const *flags,
                           const char *const *allowed,
                           GArray           **options)
{
  g_autoptr(GPtrArray) positional = NULL;

  *options = NULL;
  if (!lb_cli_parse_options (argc, argv, flags, &positional, options))
    return FALSE;
  if (positional->len > 0)
    lb_cli_usage_error (_("unexpected argument “%s”"), (char *) positional->pdata[0]);
  else if (lb_cli_only_options (*options, allowed))
    return TRUE;
  g_clear_pointer (options, lb_cli_options_free);
  return FALSE;
}

gboolean
lb_cli_time_option (GArray     *options,
                    const char *key,
                    gint64      minimum_ms,
                    gint64     *ms)
{
  const char *value = lb_cli_option_get (options, key);
  gint64 parsed;

  if (value == NULL)
    return TRUE;
  if ((parsed = lb_cli_parse_duration_ms (value)) < minimum_ms || parsed <= 0)
    {
      /* TRANSLATORS: "--interval: give a length such as 90, 90s, 15m or 2h, at least 0.1 s" */
      lb_cli_usage_error (_("--%s: give a length such as 90, 90s, 15m or 2h, at least %g s"), key, minimum_ms / 1000.0);
      return FALSE;
    }
  *ms = parsed;
  return TRUE;
}

GPtrArray *
lb_cli_expand_output_option (int    argc,
                             char **argv)
{
  GPtrArray *args = g_ptr_array_new ();

  for (int i = 0; i < argc; i++)
    g_ptr_array_add (args, g_str_equal (argv[i], "-o") ? (char *) "--output" : argv[i]);
  return args;
}

int
lb_cli_project_option (LbCli      *cli,
                       GArray     *options,
                       LbProject **project)
{
  const char *name = lb_cli_option_get (options, "project");

  *project = NULL;
  if (name == NULL)
    return lb_cli_usage_error (_("--project P is required"));
  if (lb_cli_get_store (cli) == NULL || (*project = lb_cli_lookup (cli, &lb_project_kind, name)) == NULL)
    return LB_CLI_FAILURE;
  return LB_CLI_OK;
}
