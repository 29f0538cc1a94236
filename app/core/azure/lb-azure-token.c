/* lb-azure-token.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-azure-token"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lb-azure-token.h"
#include "../model/lb-error.h"

/* A token reply is a few kilobytes; anything much bigger is not one. */
#define MAX_STDOUT (256 * 1024)
#define MAX_STDERR (16 * 1024)
#define MAX_STDERR_LINE 300
/* Older CLIs print only a local time: assume the token is about to expire. */
#define AMBIGUOUS_LIFETIME_MS (5 * 60 * 1000)

/* A memset the compiler may not drop as a dead store. */
static void
wipe (void  *data,
      gsize  length)
{
  volatile guchar *p = data;

  while (length-- > 0)
    *p++ = 0;
}

static void
wipe_string (char *text)
{
  if (text != NULL)
    wipe (text, strlen (text));
}

void
lb_azure_token_free (LbAzureToken *token)
{
  if (token == NULL)
    return;
  wipe_string (token->access_token);
  g_free (token->access_token);
  g_free (token->token_type);
  g_free (token);
}

LbAzureToken *
lb_azure_token_copy (const LbAzureToken *token)
{
  LbAzureToken *copy;

  g_return_val_if_fail (token != NULL, NULL);

  copy = g_new0 (LbAzureToken, 1);
  copy->access_token = g_strdup (token->access_token);
  copy->token_type = g_strdup (token->token_type);
  copy->expires_at = token->expires_at;
  return copy;
}

gboolean
lb_azure_token_expires_within (const LbAzureToken *token,
                               gint64              now,
                               gint64              margin_ms)
{
  g_return_val_if_fail (token != NULL, TRUE);

  return token->expires_at - now <= margin_ms;
}

char *
lb_azure_token_header (const LbAzureToken *token)
{
  g_return_val_if_fail (token != NULL && token->access_token != NULL, NULL);

  return g_strdup_printf ("Authorization: %s %s", token->token_type != NULL ? token->token_type : "Bearer",
                          token->access_token);
}

void
lb_azure_token_free_header (char *header)
{
  wipe_string (header);
  g_free (header);
}

/* expires_on is a number in current CLIs, a string of digits in some. */
static gboolean
read_expires_on (JsonObject *object,
                 gint64     *seconds)
{
  JsonNode *node = json_object_get_member (object, "expires_on");
  const char *text;
  guint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *seconds = json_node_get_int (node);
      return *seconds > 0;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING ||
      (text = json_node_get_string (node)) == NULL ||
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64 / 1000, &value, NULL))
    return FALSE;
  *seconds = (gint64) value;
  return TRUE;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

LbAzureToken *
lb_azure_token_parse (const char  *data,
                      gsize        length,
                      gint64       now,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  LbAzureToken *token;
  JsonObject *object;
  const char *access_token;
  const char *token_type;
  gint64 seconds;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  /* The parser's message could quote the reply, and so the token: it is not passed on. */
  if (length == 0 || !json_parser_load_from_data (parser, data, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, LB_ERROR, LB_ERROR_FAILED,
                           _("the Azure CLI did not print an access token as JSON: update it, or run "
                             "“az account get-access-token -o json” to see what it prints"));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  access_token = string_member (object, "accessToken");
  if (access_token == NULL || *access_token == '\0' || strpbrk (access_token, " \t\r\n") != NULL)
    {
      g_set_error_literal (error, LB_ERROR, LB_ERROR_FAILED,
                           _("the Azure CLI’s reply has no usable “accessToken”: update the Azure CLI, "
                             "or run “az login” again"));
      return NULL;
    }
  token_type = string_member (object, "tokenType");
  if (token_type != NULL && (*token_type == '\0' || strpbrk (token_type, " \t\r\n") != NULL))
    token_type = NULL;

  token = g_new0 (LbAzureToken, 1);
  token->access_token = g_strdup (access_token);
  /* The parser's copy is wiped too; it is freed with the parser. */
  wipe_string ((char *) access_token);
  token->token_type = g_strdup (token_type != NULL ? token_type : "Bearer");
  if (read_expires_on (object, &seconds))
    token->expires_at = seconds * 1000;
  else
    token->expires_at = now + AMBIGUOUS_LIFETIME_MS;
  return token;
}

/* Reads @stream to its end, at most @limit bytes; *@truncated when there was more. */
static GByteArray *
read_limited (GInputStream  *stream,
              gsize          limit,
              gboolean      *truncated,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guchar chunk[4096];

  *truncated = FALSE;
  for (;;)
    {
      gssize n = g_input_stream_read (stream, chunk, sizeof chunk, cancellable, error);

      if (n < 0)
        {
          wipe (buffer->data, buffer->len);
          wipe (chunk, sizeof chunk);
          return NULL;
        }
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > limit)
        {
          *truncated = TRUE;
          break;
        }
      g_byte_array_append (buffer, chunk, (guint) n);
    }
  wipe (chunk, sizeof chunk);
  return g_steal_pointer (&buffer);
}

/* The first line of az's complaint with text, for the error message. */
static char *
first_line (const GByteArray *bytes)
{
  g_autofree char *text = g_utf8_make_valid ((const char *) bytes->data, bytes->len);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        continue;
      if (g_utf8_strlen (line, -1) > MAX_STDERR_LINE)
        {
          g_autofree char *head = g_utf8_substring (line, 0, MAX_STDERR_LINE);

          return g_strconcat (head, "…", NULL);
        }
      return g_strdup (line);
    }
  return NULL;
}

LbAzureToken *
lb_azure_token_from_cli (const char    *resource,
                         const char    *tenant_id,
                         gint64         now,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *az = g_find_program_in_path ("az");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GByteArray) out = NULL;
  g_autoptr(GByteArray) err = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *complaint = NULL;
  gboolean out_truncated = FALSE;
  gboolean err_truncated = FALSE;
  LbAzureToken *token;

  g_return_val_if_fail (resource != NULL, NULL);

  if (az == NULL)
    {
      g_set_error_literal (error, LB_ERROR, LB_ERROR_NOT_FOUND,
                           _("the Azure CLI (az) is not installed: install it, or put it on PATH, then run "
                             "“az login”"));
      return NULL;
    }
  g_ptr_array_add (argv, az);
  g_ptr_array_add (argv, (char *) "account");
  g_ptr_array_add (argv, (char *) "get-access-token");
  g_ptr_array_add (argv, (char *) "--resource");
  g_ptr_array_add (argv, (char *) resource);
  if (tenant_id != NULL && *tenant_id != '\0')
    {
      g_ptr_array_add (argv, (char *) "--tenant");
      g_ptr_array_add (argv, (char *) tenant_id);
    }
  g_ptr_array_add (argv, (char *) "-o");
  g_ptr_array_add (argv, (char *) "json");
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &local_error);
  if (process == NULL)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("the Azure CLI (%s) could not be started: %s"), az,
                   local_error->message);
      return NULL;
    }
  /* az writes little to stderr, so reading stdout first cannot fill the other pipe. */
  out = read_limited (g_subprocess_get_stdout_pipe (process), MAX_STDOUT, &out_truncated, cancellable,
                      &local_error);
  if (out != NULL)
    err = read_limited (g_subprocess_get_stderr_pipe (process), MAX_STDERR, &err_truncated, cancellable,
                        &local_error);
  if (out == NULL || err == NULL || out_truncated || err_truncated)
    g_subprocess_force_exit (process);
  if (!g_subprocess_wait (process, NULL, local_error == NULL ? &local_error : NULL) || out == NULL || err == NULL)
    {
      if (out != NULL)
        wipe (out->data, out->len);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("the Azure CLI’s output could not be read: %s"),
                     local_error != NULL ? local_error->message : _("unknown error"));
      return NULL;
    }
  if (out_truncated)
    {
      wipe (out->data, out->len);
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                   _("the Azure CLI printed more than %d KiB instead of an access token: update it"),
                   MAX_STDOUT / 1024);
      return NULL;
    }
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      wipe (out->data, out->len);
      complaint = first_line (err);
      if (complaint != NULL)
        /* TRANSLATORS: the Azure CLI's own message follows, e.g. "Please run 'az login' …" */
        g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                     _("the Azure CLI could not get an access token: %s (sign in with “az login”, "
                       "then try again)"), complaint);
      else
        g_set_error_literal (error, LB_ERROR, LB_ERROR_FAILED,
                             _("the Azure CLI could not get an access token: sign in with “az login”, "
                               "then try again"));
      return NULL;
    }
  token = lb_azure_token_parse ((const char *) out->data, out->len, now, error);
  wipe (out->data, out->len);
  return token;
}
