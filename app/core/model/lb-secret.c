/* lb-secret.c: libsecret schemas and the three calls on them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "lb-secret.h"

static const SecretSchema schemas[] = {
  [LB_SECRET_SQL_LOGIN] = {
    APP_ID ".SqlLogin", SECRET_SCHEMA_NONE,
    { { "server", SECRET_SCHEMA_ATTRIBUTE_STRING }, { "user", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  },
  [LB_SECRET_AZURE_CLIENT] = {
    APP_ID ".AzureClientSecret", SECRET_SCHEMA_NONE,
    { { "tenant", SECRET_SCHEMA_ATTRIBUTE_STRING }, { "client_id", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  },
};

static GHashTable *
attributes (LbSecretKind kind,
            const char  *first,
            const char  *second)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (table, (gpointer) schemas[kind].attributes[0].name, (gpointer) first);
  g_hash_table_insert (table, (gpointer) schemas[kind].attributes[1].name, (gpointer) second);
  return table;
}

gboolean
lb_secret_store (LbSecretKind   kind,
                 const char    *first,
                 const char    *second,
                 const char    *label,
                 const char    *secret,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GHashTable) table = attributes (kind, first, second);

  if (!secret_password_storev_sync (&schemas[kind], table, SECRET_COLLECTION_DEFAULT, label, secret, cancellable,
                                    error))
    {
      /* libsecret's messages ("Cannot autolaunch D-Bus…") do not say what was being done. */
      g_prefix_error (error, "%s: ", _("Could not save the secret in the keyring"));
      return FALSE;
    }
  return TRUE;
}

char *
lb_secret_lookup (LbSecretKind   kind,
                  const char    *first,
                  const char    *second,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GHashTable) table = attributes (kind, first, second);
  g_autoptr(GError) local_error = NULL;
  char *secret = secret_password_lookupv_nonpageable_sync (&schemas[kind], table, cancellable, &local_error);

  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ",
                                  _("Could not read the secret from the keyring"));
      return NULL;
    }
  return secret;
}

gboolean
lb_secret_clear (LbSecretKind   kind,
                 const char    *first,
                 const char    *second,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GHashTable) table = attributes (kind, first, second);
  g_autoptr(GError) local_error = NULL;

  secret_password_clearv_sync (&schemas[kind], table, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ",
                                  _("Could not remove the secret from the keyring"));
      return FALSE;
    }
  return TRUE;
}

void
lb_secret_free (char *secret)
{
  secret_password_free (secret);
}
