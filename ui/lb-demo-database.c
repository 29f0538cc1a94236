/* lb-demo-database.c
 *
 * Generation fills tens of thousands of lag samples: it runs in a GTask thread and never
 * touches the GUI's LbStore (an LbStore is used from one thread at a time); the thread
 * opens and closes its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-demo-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "lb-core.h"

#include "lb-demo-database.h"

char *
lb_demo_database_get_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "linkbench", "demo.db", NULL);
}

/* The database file and the journal files SQLite may leave beside it. */
static void
remove_database_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_debug ("Could not remove %s: %s", file, g_strerror (errno));
    }
}

/* TRUE when @path opens and holds projects: a complete demo from an earlier run. */
static gboolean
demo_is_usable (const char *path,
                GError    **error)
{
  g_autoptr(LbStore) store = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;

  store = lb_store_open (path, &local_error);
  if (store == NULL)
    {
      /* A demo from a newer Linkbench is left as it is, like any newer database. */
      if (g_error_matches (local_error, LB_ERROR, LB_ERROR_NEWER_SCHEMA))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return lb_store_count (store, &lb_project_kind, NULL, 0, NULL) > 0;
}

static gboolean
generate (const char   *tmp_path,
          GCancellable *cancellable,
          GError      **error)
{
  g_autoptr(LbStore) store = NULL;
  LbDemoOptions options;

  store = lb_store_open (tmp_path, error);
  if (store == NULL)
    return FALSE;

  lb_demo_options_init (&options);
  options.anchor = lb_time_now_ms ();
  return lb_demo_generate (store, &options, cancellable, error);
}

static void
ensure_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autofree char *path = lb_demo_database_get_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  if (demo_is_usable (path, &error))
    {
      g_task_return_pointer (task, g_steal_pointer (&path), g_free);
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      return;
    }

  /* A unique name per attempt: two windows generating at once do not share a file. */
  tmp_path = g_build_filename (dir, "demo-XXXXXX.db.part", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not create a file in “%s”: %s"), dir, g_strerror (saved));
      return;
    }
  close (fd);

  if (!generate (tmp_path, cancellable, &error))
    {
      remove_database_files (tmp_path);
      g_prefix_error (&error, _("The demo portfolio could not be created: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      remove_database_files (tmp_path);
      return;
    }

  /* The store is closed (WAL checkpointed and removed) before the rename. */
  remove_database_files (path);
  if (g_rename (tmp_path, path) != 0)
    {
      int saved = errno;

      remove_database_files (tmp_path);
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not save the demo portfolio as “%s”: %s"), path, g_strerror (saved));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&path), g_free);
}

void
lb_demo_database_ensure_async (GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lb_demo_database_ensure_async);
  g_task_set_name (task, "lb_demo_database_ensure");
  g_task_run_in_thread (task, ensure_thread);
}

char *
lb_demo_database_ensure_finish (GAsyncResult *result,
                                GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lb_demo_database_ensure_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
