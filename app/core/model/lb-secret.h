/* lb-secret.h: the secrets Linkbench keeps, each kind under a libsecret schema of its own
 * and found by two non-secret identifiers — never stored anywhere else.
 *
 * Blocking calls: for worker threads and the command line (the first use can wait for the
 * keyring to be unlocked).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  LB_SECRET_SQL_LOGIN,     /* server ("host:port"), user */
  LB_SECRET_AZURE_CLIENT,  /* tenant, client id: a service principal's client secret */
} LbSecretKind;

gboolean lb_secret_store  (LbSecretKind   kind,
                           const char    *first,
                           const char    *second,
                           const char    *label,
                           const char    *secret,
                           GCancellable  *cancellable,
                           GError       **error);
/* NULL without an error when none is stored. Free with lb_secret_free(). */
char    *lb_secret_lookup (LbSecretKind   kind,
                           const char    *first,
                           const char    *second,
                           GCancellable  *cancellable,
                           GError       **error);
gboolean lb_secret_clear  (LbSecretKind   kind,
                           const char    *first,
                           const char    *second,
                           GCancellable  *cancellable,
                           GError       **error);
/* Wipes and frees. */
void     lb_secret_free   (char          *secret);

G_END_DECLS
