/* lb-evidence-content.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-evidence-content"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-error.h"
#include "lb-evidence-content.h"

GBytes *
lb_evidence_read_stream (GInputStream  *stream,
                         const char    *name,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autofree guint8 *buffer = g_malloc (65536);

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, 65536, cancellable, error);

      if (n < 0)
        {
          g_prefix_error (error, _("Could not read %s: "), name);
          return NULL;
        }
      if (n == 0)
        break;
      if (data->len + (gsize) n > LB_EVIDENCE_MAX_BYTES)
        {
          g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                       _("“%s” is larger than 50 MiB, the limit for evidence kept in the database"), name);
          return NULL;
        }
      g_byte_array_append (data, buffer, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

GBytes *
lb_evidence_read_file (GFile         *file,
                       char         **display_name,
                       char         **media_type,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *content_type = NULL;
  const char *name;
  gconstpointer data;
  gsize size = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  name = g_file_info_get_display_name (info);
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("“%s” is a folder, not a file"), name);
      return NULL;
    }
  /* Refuse a large file before reading any of it. */
  if (g_file_info_get_size (info) > LB_EVIDENCE_MAX_BYTES)
    {
      g_autofree char *size_text = g_format_size ((guint64) g_file_info_get_size (info));

      g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                   _("“%s” is %s; evidence kept in the database is limited to 50 MiB"), name, size_text);
      return NULL;
    }
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL || (content = lb_evidence_read_stream (G_INPUT_STREAM (stream), name, cancellable, error)) == NULL)
    return NULL;

  basename = g_file_get_basename (file);
  data = g_bytes_get_data (content, &size);
  content_type = g_content_type_guess (basename, data, size, NULL);
  if (media_type != NULL)
    {
      *media_type = g_content_type_get_mime_type (content_type);
      if (*media_type == NULL)
        *media_type = g_strdup ("application/octet-stream");
    }
  if (display_name != NULL)
    *display_name = g_strdup (name);
  return g_steal_pointer (&content);
}
