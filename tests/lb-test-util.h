/* lb-test-util.h: temporary folders and databases for the test programs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

/* A fresh folder under $TMPDIR, removed with its files by lb_test_tmpdir_free(). */
static inline char *
lb_test_tmpdir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("linkbench-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
lb_test_tmpdir_free (char *dir)
{
  const char *name;
  GDir *handle;

  if (dir == NULL)
    return;
  handle = g_dir_open (dir, 0, NULL);
  if (handle != NULL)
    {
      while ((name = g_dir_read_name (handle)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_unlink (path);
        }
      g_dir_close (handle);
    }
  g_rmdir (dir);
  g_free (dir);
}

static inline char *
lb_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Shows the whole message when it lacks the expected part. */
#define lb_test_assert_contains(haystack, needle) \
  G_STMT_START { \
    if (strstr ((haystack), (needle)) == NULL) \
      g_error ("\"%s\" does not contain \"%s\"", (haystack), (needle)); \
  } G_STMT_END
