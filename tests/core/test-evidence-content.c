/* test-evidence-content.c: reading files and streams into evidence, with the size limit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "lb-core.h"
#include "lb-test-util.h"

static void
test_read_file (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "lsn-check.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autofree char *name = NULL;
  g_autofree char *media_type = NULL;

  g_assert_true (g_file_set_contents (path, "database,lsn\nERP,42\n", -1, NULL));
  content = lb_evidence_read_file (file, &name, &media_type, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (content), ==, 20);
  g_assert_cmpstr (name, ==, "lsn-check.csv");
  g_assert_cmpstr (media_type, ==, "text/csv");

  g_assert_null (lb_evidence_read_file (folder, NULL, NULL, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
  g_unlink (path);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_limits (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "big.bak", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/file.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) big = NULL;
  g_autoptr(GInputStream) stream = NULL;
  int fd = g_open (path, O_CREAT | O_WRONLY, 0600);

  /* Refused from its size, before anything is read */
  g_assert_cmpint (ftruncate (fd, LB_EVIDENCE_MAX_BYTES + 1), ==, 0);
  close (fd);
  g_assert_null (lb_evidence_read_file (file, NULL, NULL, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "50 MiB"));
  g_clear_error (&error);

  g_assert_null (lb_evidence_read_file (missing, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A stream has no size to ask for: the limit applies while reading */
  big = g_bytes_new_take (g_malloc0 (LB_EVIDENCE_MAX_BYTES + 1), LB_EVIDENCE_MAX_BYTES + 1);
  stream = g_memory_input_stream_new_from_bytes (big);
  g_assert_null (lb_evidence_read_stream (stream, "standard input", NULL, &error));
  g_assert_nonnull (strstr (error->message, "standard input"));
  g_unlink (path);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lb/evidence-content/read-file", test_read_file);
  g_test_add_func ("/lb/evidence-content/limits", test_limits);

  return g_test_run ();
}
