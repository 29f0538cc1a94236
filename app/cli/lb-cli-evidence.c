/* lb-cli-evidence.c: linkbench-cli evidence add|list|show|edit|delete|verify|export — the
 * evidence locker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "lb-cli.h"

static int
prepare_evidence (LbCli   *cli,
                  gpointer record,
                  GArray  *options)
{
  LbEvidence *evidence = record;
  const char *file = lb_cli_option_get (options, "file");
  const char *text = lb_cli_option_get (options, "text");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = NULL;

  if (file != NULL && text != NULL)
    return lb_cli_usage_error (_("give either --file or --text, not both"));

  if (file != NULL)
    {
      g_autoptr(GFile) gfile = g_file_new_for_commandline_arg (file);
      g_autofree char *name = NULL;

      g_clear_pointer (&evidence->media_type, g_free);
      content = lb_evidence_read_file (gfile, &name, &evidence->media_type, NULL, &error);
      if (content == NULL)
        return lb_cli_report_error (cli, error);
      evidence->kind = LB_EVIDENCE_FILE;
      if (evidence->title == NULL)
        evidence->title = g_steal_pointer (&name);
      g_free (evidence->source);
      evidence->source = g_strdup (file);
    }
  else if (text != NULL)
    {
      if (g_str_equal (text, "-"))
        {
          g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);

          if ((content = lb_evidence_read_stream (in, _("standard input"), NULL, &error)) == NULL)
            return lb_cli_report_error (cli, error);
        }
      else
        content = g_bytes_new (text, strlen (text));
      if (!g_utf8_validate (g_bytes_get_data (content, NULL), g_bytes_get_size (content), NULL))
        return lb_cli_usage_error (_("--text must be UTF-8 text; attach binary files with --file"));
      evidence->kind = LB_EVIDENCE_TEXT;
    }

  if (content != NULL)
    {
      g_clear_pointer (&evidence->content, g_bytes_unref);
      evidence->content = g_steal_pointer (&content);
    }
  /* Evidence is captured now unless the options say when. */
  if (evidence->captured_at == LB_UNSET_INT)
    evidence->captured_at = lb_time_now_ms ();
  return LB_CLI_OK;
}

static LbEvidence *
lookup_evidence (LbCli      *cli,
                 const char *command,
                 int         argc,
                 char      **argv,
                 int        *status)
{
  if (argc != 1 || strspn (argv[0], "0123456789") != strlen (argv[0]))
    {
      *status = lb_cli_usage_error (_("usage: evidence %s ID"), command);
      return NULL;
    }
  *status = LB_CLI_FAILURE;
  return lb_cli_lookup (cli, &lb_evidence_kind, argv[0]);
}

static int
evidence_verify (LbCli *cli,
                 int    argc,
                 char **argv)
{
  g_autofree char *actual = NULL;
  LbEvidence *evidence;
  gboolean intact;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] evidence verify ID"),
               _("Hashes the stored content again and compares it with the SHA-256 recorded when it was\n"
                 "captured. Exit status 0 when intact, 1 when changed."));
      return LB_CLI_OK;
    }
  if ((evidence = lookup_evidence (cli, "verify", argc, argv, &status)) == NULL)
    return status;

  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, evidence->content);
  intact = g_strcmp0 (actual, evidence->sha256) == 0;
  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_int_member (object, "id", evidence->id);
      json_object_set_boolean_member (object, "intact", intact);
      json_object_set_string_member (object, "recorded_sha256", evidence->sha256);
      json_object_set_string_member (object, "actual_sha256", actual);
      json_node_set_object (node, object);
      lb_cli_print_json (node);
    }
  else if (intact)
    g_print (_("Evidence #%lld “%s”: intact (SHA-256 %s)\n"), (long long) evidence->id, evidence->title, actual);
  else
    g_print (_("Evidence #%lld “%s”: CHANGED since it was captured (recorded SHA-256 %s, now %s)\n"),
             (long long) evidence->id, evidence->title, evidence->sha256, actual);
  lb_record_free (evidence);
  return intact ? LB_CLI_OK : LB_CLI_FAILURE;
}

static int
evidence_export (LbCli *cli,
                 int    argc,
                 char **argv)
{
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  const char *output;
  LbEvidence *evidence;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] evidence export ID --output FILE"),
               _("Writes the stored content to FILE (“-” for standard output). An existing FILE is\n"
                 "replaced only once the whole content has been written."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  output = lb_cli_option_get (options, "output");
  if (output == NULL || options->len != 1)
    return lb_cli_usage_error (_("usage: evidence export ID --output FILE"));
  if ((evidence = lookup_evidence (cli, "export", (int) positional->len, (char **) positional->pdata,
                                   &status)) == NULL)
    return status;

  if (g_str_equal (output, "-"))
    {
      gsize size = 0;
      gconstpointer data = g_bytes_get_data (evidence->content, &size);

      status = fwrite (data, 1, size, stdout) == size ? LB_CLI_OK : LB_CLI_FAILURE;
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      /* g_file_replace_contents writes a temporary file and renames it: never half a file. */
      if (!g_file_replace_contents (file, g_bytes_get_data (evidence->content, NULL),
                                    g_bytes_get_size (evidence->content), NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                    NULL, NULL, &error))
        status = lb_cli_report_error (cli, error);
      else
        status = LB_CLI_OK;
    }
  lb_record_free (evidence);
  return status;
}

int
lb_cli_evidence_run (LbCli *cli,
                     int    argc,
                     char **argv)
{
  static const char *const columns[] = { "project_id", "title", "kind", "size_bytes", "captured_at", NULL };
  static const char *const add_options[] = { "file", "text", NULL };
  static const LbCliCommand extra[] = {
    { "verify", N_("Check that stored content still matches its SHA-256"), evidence_verify },
    { "export", N_("Write stored content back to a file"), evidence_export },
    { NULL, NULL, NULL },
  };
  static const LbCliRecordGroup group = {
    .group = "evidence",
    .kind = &lb_evidence_kind,
    .list_columns = columns,
    .add_options = add_options,
    .add_options_help = N_("Content:\n"
                           "  --file FILE                attach a file (at most 50 MiB); sets kind, media type\n"
                           "                             and, unless given, the title\n"
                           "  --text TEXT|-              paste text, or read it from standard input with “-”"),
    .prepare_add = prepare_evidence,
    .extra_commands = extra,
  };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
