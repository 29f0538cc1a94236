/* lb-freetds-conf.c: the process's FreeTDS configuration file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lb-freetds-conf.h"
#include "lb-sql-profile.h"
#include "../model/lb-error.h"

static GMutex conf_lock;
static GHashTable *conf_sections; /* section name → text */
static char *conf_path;

static void
remove_file (void)
{
  if (conf_path != NULL)
    g_unlink (conf_path);
}

static char *
conf_folder (void)
{
  return g_build_filename (g_get_user_runtime_dir (), "linkbench", NULL);
}

static void
set_path (void)
{
  g_autofree char *dir = conf_folder ();

  conf_path = g_strdup_printf ("%s/freetds-%ld.conf", dir, (long) getpid ());
  conf_sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_setenv ("FREETDSCONF", conf_path, TRUE);
  atexit (remove_file);
}

void
lb_freetds_conf_init (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conf_lock);

  if (conf_path == NULL)
    set_path ();
}

static gboolean
ensure_path (GError **error)
{
  g_autofree char *dir = conf_folder ();

  if (conf_path == NULL)
    set_path ();
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Could not create the folder %s for the SQL Server settings: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_file (GError **error)
{
  g_autoptr(GString) text = g_string_new ("; Written by Linkbench for its own connections; replaced as it runs.\n"
                                          "[global]\n\ttds version = 7.4\n\tclient charset = UTF-8\n");
  g_autoptr(GList) names = g_list_sort (g_hash_table_get_keys (conf_sections), (GCompareFunc) g_strcmp0);
  g_autoptr(GError) local_error = NULL;

  for (GList *l = names; l != NULL; l = l->next)
    g_string_append (text, g_hash_table_lookup (conf_sections, l->data));
  if (!g_file_set_contents_full (conf_path, text->str, (gssize) text->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Could not write the SQL Server settings to %s: %s"), conf_path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
lb_freetds_conf_add (const LbConnectionProfile *profile,
                     GError                   **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conf_lock);
  g_autofree char *name = lb_sql_profile_section_name (profile);
  g_autofree char *section = lb_sql_profile_freetds_section (profile);
  const char *current;

  if (!ensure_path (error))
    return FALSE;
  current = g_hash_table_lookup (conf_sections, name);
  if (current != NULL && g_str_equal (current, section))
    return TRUE;
  g_hash_table_replace (conf_sections, g_steal_pointer (&name), g_steal_pointer (&section));
  return write_file (error);
}

const char *
lb_freetds_conf_get_path (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conf_lock);

  return conf_path;
}
