/* core-test-tds.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "core-test-tds.h"
#include "lb-core.h"
#include "sqlserver/lb-freetds-conf.h"

#define START_TIMEOUT_US (30 * G_USEC_PER_SEC)
#define STOP_TIMEOUT_MS  5000

struct _CoreTestTds
{
  GSubprocess *process;
  char        *script_path;
  char        *log_path;
  guint16      port;
};

static char *
write_temp (const char  *template,
            const char  *contents,
            GError     **error)
{
  char *path = NULL;
  int fd = g_file_open_tmp (template, &path, error);

  if (fd < 0)
    return NULL;
  g_close (fd, NULL);
  if (!g_file_set_contents (path, contents, -1, error))
    {
      g_unlink (path);
      g_free (path);
      return NULL;
    }
  return path;
}

/* Reads the fixture's first line ("port N") without blocking for ever: the pipe is
 * pollable, and a fixture that dies or says nothing within START_TIMEOUT_US is an error. */
static gboolean
read_port (CoreTestTds  *self,
           GError      **error)
{
  GInputStream *out = g_subprocess_get_stdout_pipe (self->process);
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_US;
  g_autoptr(GString) line = g_string_new (NULL);
  guint64 port = 0;
  char *end = NULL;

  g_return_val_if_fail (G_IS_POLLABLE_INPUT_STREAM (out), FALSE);

  while (strchr (line->str, '\n') == NULL)
    {
      g_autoptr(GError) local_error = NULL;
      char buffer[64];
      gssize n;

      n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (out), buffer,
                                                    sizeof buffer, NULL, &local_error);
      if (n > 0)
        {
          g_string_append_len (line, buffer, n);
          continue;
        }
      if (n == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "the TDS fixture exited before it printed its port");
          return FALSE;
        }
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "the TDS fixture did not print its port");
          return FALSE;
        }
      g_usleep (5000);
    }

  if (!g_str_has_prefix (line->str, "port "))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "unexpected first line from the TDS fixture: %s", line->str);
      return FALSE;
    }
  port = g_ascii_strtoull (line->str + 5, &end, 10);
  if (end == line->str + 5 || *end != '\n' || port == 0 || port > G_MAXUINT16)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "bad port line from the TDS fixture: %s", line->str);
      return FALSE;
    }
  self->port = (guint16) port;
  return TRUE;
}

static void
free_files (CoreTestTds *self)
{
  if (self->script_path != NULL)
    g_unlink (self->script_path);
  if (self->log_path != NULL)
    g_unlink (self->log_path);
  g_free (self->script_path);
  g_free (self->log_path);
}

CoreTestTds *
core_test_tds_start (const char  *script_json,
                     GError     **error)
{
  const char *server = g_getenv ("LB_TDS_SERVER");
  g_autofree CoreTestTds *self = NULL;

  g_return_val_if_fail (script_json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (server == NULL || *server == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "LB_TDS_SERVER is not set (run the tests through meson test)");
      return NULL;
    }

  self = g_new0 (CoreTestTds, 1);
  self->script_path = write_temp ("lb-tds-script-XXXXXX.json", script_json, error);
  if (self->script_path == NULL)
    return NULL;
  self->log_path = write_temp ("lb-tds-log-XXXXXX.jsonl", "", error);
  if (self->log_path == NULL)
    {
      free_files (self);
      return NULL;
    }

  /* python3 explicitly, so neither the executable bit nor the shebang matter. The fixture
   * exits when its stdin reaches EOF: when we close the pipe, or when this process dies. */
  self->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                    error, "python3", server, self->script_path,
                                    "--log", self->log_path, NULL);
  if (self->process == NULL)
    {
      free_files (self);
      return NULL;
    }
  if (!read_port (self, error))
    {
      g_subprocess_force_exit (self->process);
      g_subprocess_wait (self->process, NULL, NULL);
      g_clear_object (&self->process);
      free_files (self);
      return NULL;
    }
  return g_steal_pointer (&self);
}

guint16
core_test_tds_get_port (CoreTestTds *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->port;
}

const char *
core_test_tds_get_log_path (CoreTestTds *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->log_path;
}

const char *
core_test_tds_get_pid (CoreTestTds *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_subprocess_get_identifier (self->process);
}

JsonArray *
core_test_tds_get_events (CoreTestTds *self)
{
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *events = json_array_new ();
  char *line;
  char *next;

  g_return_val_if_fail (self != NULL, events);

  if (!g_file_get_contents (self->log_path, &contents, NULL, NULL))
    return events;

  /* Only complete lines: the fixture may be writing the last one right now. */
  for (line = contents; (next = strchr (line, '\n')) != NULL; line = next + 1)
    {
      JsonNode *root;

      *next = '\0';
      if (*line == '\0' || !json_parser_load_from_data (parser, line, -1, NULL))
        continue;
      root = json_parser_get_root (parser);
      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        json_array_add_object_element (events, json_object_ref (json_node_get_object (root)));
    }
  return events;
}

guint
core_test_tds_count_events (CoreTestTds *self,
                            const char  *event)
{
  g_autoptr(JsonArray) events = NULL;
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (event != NULL, 0);

  events = core_test_tds_get_events (self);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *object = json_array_get_object_element (events, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, "event", NULL), event) == 0)
        count++;
    }
  return count;
}

gboolean
core_test_tds_wait_events (CoreTestTds *self,
                           const char  *event,
                           guint        count,
                           guint        timeout_ms)
{
  gint64 deadline;

  g_return_val_if_fail (self != NULL, FALSE);

  deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  while (core_test_tds_count_events (self, event) < count)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (10000);
    }
  return TRUE;
}

typedef struct
{
  gboolean done;
  gboolean timed_out;
} WaitState;

static void
on_wait_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  WaitState *state = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  state->done = TRUE;
}

static gboolean
on_wait_timeout (gpointer data)
{
  WaitState *state = data;

  state->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits for the process on a private main context, for at most @timeout_ms. */
static gboolean
wait_exit (GSubprocess *process,
           guint        timeout_ms)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  WaitState state = { FALSE, FALSE };
  GSource *timeout;

  g_main_context_push_thread_default (context);
  g_subprocess_wait_async (process, NULL, on_wait_done, &state);
  timeout = g_timeout_source_new (timeout_ms);
  g_source_set_callback (timeout, on_wait_timeout, &state, NULL);
  g_source_attach (timeout, context);
  while (!state.done && !state.timed_out)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  g_source_unref (timeout);
  if (!state.done)
    {
      /* Let the wait finish (it will, once the caller kills the process) before the
       * context goes: force_exit + wait below. */
      g_subprocess_force_exit (process);
      while (!state.done)
        g_main_context_iteration (context, TRUE);
    }
  g_main_context_pop_thread_default (context);
  return !state.timed_out;
}

gboolean
core_test_tds_stop_clean (CoreTestTds *self)
{
  gboolean clean;

  if (self == NULL)
    return FALSE;

  g_output_stream_close (g_subprocess_get_stdin_pipe (self->process), NULL, NULL);
  clean = wait_exit (self->process, STOP_TIMEOUT_MS);
  clean = clean && g_subprocess_get_if_exited (self->process)
          && g_subprocess_get_exit_status (self->process) == 0;
  g_object_unref (self->process);
  free_files (self);
  g_free (self);
  return clean;
}

void
core_test_tds_stop (CoreTestTds *self)
{
  core_test_tds_stop_clean (self);
}

char *
core_test_tds_runtime_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("linkbench-runtime-XXXXXX", &error);

  g_assert_no_error (error);
  g_setenv ("XDG_RUNTIME_DIR", dir, TRUE);
  lb_freetds_conf_init ();
  return dir;
}

void
core_test_tds_runtime_free (char *dir)
{
  if (lb_freetds_conf_get_path () != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (lb_freetds_conf_get_path ());

      g_unlink (lb_freetds_conf_get_path ());
      g_rmdir (folder);
    }
  if (dir != NULL)
    {
      GDir *handle = g_dir_open (dir, 0, NULL);
      const char *name;

      /* A keyring file, say, that a test kept there. */
      while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_unlink (path);
        }
      if (handle != NULL)
        g_dir_close (handle);
      g_rmdir (dir);
      g_free (dir);
    }
}

gpointer
core_test_tds_profile_new (CoreTestTds *self)
{
  LbConnectionProfile *profile = lb_record_new (&lb_connection_profile_kind);

  profile->id = core_test_tds_get_port (self);
  profile->name = g_strdup ("test server");
  profile->host = g_strdup ("127.0.0.1");
  profile->port = core_test_tds_get_port (self);
  profile->login = g_strdup ("linkbench");
  profile->encryption = LB_ENCRYPTION_REQUEST;
  profile->login_timeout_s = 2;
  profile->query_timeout_s = 5;
  return profile;
}
