/* lb-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-error"

#include "config.h"

#include "lb-error.h"

G_DEFINE_QUARK (lb-error-quark, lb_error)

typedef struct
{
  char *field;
} LbValidationErrorPrivate;

static void
lb_validation_error_private_init (LbValidationErrorPrivate *priv)
{
  priv->field = NULL;
}

static void
lb_validation_error_private_copy (const LbValidationErrorPrivate *src,
                                  LbValidationErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
}

static void
lb_validation_error_private_clear (LbValidationErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
}

/* GLib 2.68's extended error domains let the failing field travel with the GError. */
G_DEFINE_EXTENDED_ERROR (LbValidationError, lb_validation_error)

void
lb_validation_error_set (GError              **error,
                         LbValidationErrorCode code,
                         const char           *field,
                         const char           *format,
                         ...)
{
  LbValidationErrorPrivate *priv;
  g_autofree char *message = NULL;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, LB_VALIDATION_ERROR, code, message);
  priv = lb_validation_error_get_private (*error);
  if (priv != NULL)
    priv->field = g_strdup (field);
}

const char *
lb_validation_error_get_field (const GError *error)
{
  LbValidationErrorPrivate *priv;

  if (error == NULL || error->domain != LB_VALIDATION_ERROR)
    return NULL;
  priv = lb_validation_error_get_private (error);
  return priv != NULL ? priv->field : NULL;
}
