/* lb-error.h: the core's error domains.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LB_ERROR (lb_error_quark ())

typedef enum
{
  LB_ERROR_FAILED,
  LB_ERROR_NOT_FOUND,      /* no record with that id or name */
  LB_ERROR_NEWER_SCHEMA,   /* the file was written by a newer Linkbench */
  LB_ERROR_NOT_A_DATABASE, /* corrupt, truncated or not SQLite at all */
  LB_ERROR_IO,             /* disk full, permission denied, read-only file */
  LB_ERROR_BUSY,           /* another process holds the write lock too long */
  LB_ERROR_CONSTRAINT,     /* the database refused the write (a rule below validation) */
} LbErrorCode;

GQuark lb_error_quark (void);

/* Validation errors carry the name of the field that broke a rule, so that the GUI can
 * show the message under the right row and the CLI can name the option. */
#define LB_VALIDATION_ERROR (lb_validation_error_quark ())

typedef enum
{
  LB_VALIDATION_ERROR_REQUIRED,
  LB_VALIDATION_ERROR_RANGE,
  LB_VALIDATION_ERROR_FORMAT,
  LB_VALIDATION_ERROR_ENUM,
  LB_VALIDATION_ERROR_ORDER,     /* e.g. end before start */
  LB_VALIDATION_ERROR_DUPLICATE,
  LB_VALIDATION_ERROR_REFERENCE, /* points at a record that does not exist */
} LbValidationErrorCode;

GQuark      lb_validation_error_quark     (void);
void        lb_validation_error_set       (GError              **error,
                                           LbValidationErrorCode code,
                                           const char           *field,
                                           const char           *format,
                                           ...) G_GNUC_PRINTF (4, 5);
const char *lb_validation_error_get_field (const GError         *error);

G_END_DECLS
