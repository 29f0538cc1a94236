/* lb-sql-secret.c: the libsecret schema for SQL logins.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-sql-profile.h"
#include "lb-sql-secret.h"
#include "../model/lb-record.h"
#include "../model/lb-secret.h"

static gboolean
check_login (const LbConnectionProfile *profile,
             GError                   **error)
{
  if (profile->login != NULL && *profile->login != '\0')
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The connection profile “%s” names no login"),
               profile->name);
  return FALSE;
}

gboolean
lb_sql_secret_store (const LbConnectionProfile *profile,
                     const char                *password,
                     GCancellable              *cancellable,
                     GError                   **error)
{
  g_autofree char *server = lb_sql_profile_server_label (profile);
  g_autofree char *label = NULL;

  if (!check_login (profile, error))
    return FALSE;
  /* TRANSLATORS: the keyring item's name: "Linkbench SQL login linkbench@sql01:1433" */
  label = g_strdup_printf (_("Linkbench SQL login %s@%s"), profile->login, server);
  return lb_secret_store (LB_SECRET_SQL_LOGIN, server, profile->login, label, password, cancellable, error);
}

char *
lb_sql_secret_lookup (const LbConnectionProfile *profile,
                      GCancellable              *cancellable,
                      GError                   **error)
{
  g_autofree char *server = lb_sql_profile_server_label (profile);

  if (!check_login (profile, error))
    return NULL;
  return lb_secret_lookup (LB_SECRET_SQL_LOGIN, server, profile->login, cancellable, error);
}

gboolean
lb_sql_secret_clear (const LbConnectionProfile *profile,
                     GCancellable              *cancellable,
                     GError                   **error)
{
  g_autofree char *server = lb_sql_profile_server_label (profile);

  if (!check_login (profile, error))
    return FALSE;
  return lb_secret_clear (LB_SECRET_SQL_LOGIN, server, profile->login, cancellable, error);
}

void
lb_sql_secret_free (char *password)
{
  lb_secret_free (password);
}

typedef struct
{
  LbConnectionProfile *profile;
  char                *password;
} StoreJob;

static void
store_job_free (gpointer data)
{
  StoreJob *job = data;

  lb_record_free (job->profile);
  lb_sql_profile_free_secret_string (job->password);
  g_free (job);
}

static void
store_worker (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  StoreJob *job = data;
  GError *error = NULL;

  if (lb_sql_secret_store (job->profile, job->password, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lb_sql_secret_store_async (const LbConnectionProfile *profile,
                           const char                *password,
                           GCancellable              *cancellable,
                           GAsyncReadyCallback        callback,
                           gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  StoreJob *job = g_new0 (StoreJob, 1);

  job->profile = lb_record_copy (profile);
  job->password = g_strdup (password);
  g_task_set_source_tag (task, lb_sql_secret_store_async);
  g_task_set_task_data (task, job, store_job_free);
  g_task_run_in_thread (task, store_worker);
}

gboolean
lb_sql_secret_store_finish (GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
