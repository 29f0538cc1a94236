/* lb-arm-sync.h: reads a project's link target straight from Azure Resource Manager — the
 * managed instance, its links (distributed availability groups) and its databases — keeps
 * each answer as ARM JSON evidence of the project, all or nothing, and runs a drift check
 * when the project has an approved design. Blocking: call the _async variant from a GUI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lb-azure-token.h"
#include "../net/lb-http.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

/* Links need the new schema (databases[]): 2023-08-01 stable still has the old one. */
#define LB_ARM_LINK_API_VERSION "2025-01-01"
#define LB_ARM_INSTANCE_API_VERSION "2023-08-01"

typedef struct
{
  GArray *evidence_ids;   /* gint64: the evidence stored, instance, links, databases */
  int     drift_outcome;  /* LbDriftOutcome of the check run, -1 when none was run */
  gint64  drift_check_id; /* 0 when none was run */
  char   *drift_summary;  /* the check's summary; NULL when none was run */
  char   *drift_error;    /* why the check failed although the state was stored; else NULL */
  guint64 lag_samples;    /* lag samples stored from the link's lag seconds (0 or 1) */
} LbArmSyncResult;

void lb_arm_sync_result_free (LbArmSyncResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbArmSyncResult, lb_arm_sync_result_free)

/* For the first Azure target of project @project_id (refused when there is none): GETs the
 * managed instance, its links (the one named by the target's link name, else the whole
 * list, paged) and its databases from @arm_base_url (NULL: LB_ARM_DEFAULT_BASE_URL) with
 * @token, checks that each answer is the Azure document expected, and stores them in one
 * transaction at @now (UTC ms). A list Azure returns empty (no links, no databases) is
 * not stored. Then runs lb_drift_check_run() when the project has a design baseline.
 * Errors say what to do (401: sign in again; 403: the Reader role; 404: check the names)
 * and never contain the token. Nothing is stored on error. */
LbArmSyncResult *lb_arm_sync_project        (LbStore             *store,
                                             gint64               project_id,
                                             LbHttpClient        *client,
                                             const char          *arm_base_url,
                                             const LbAzureToken  *token,
                                             gint64               now,
                                             GCancellable        *cancellable,
                                             GError             **error);
/* A token to read project @project_id's target at @arm_base_url (NULL: the default), from
 * the Azure CLI, signed in to the target's tenant when it names one. Blocking. */
LbAzureToken    *lb_arm_sync_token_from_cli (LbStore             *store,
                                             gint64               project_id,
                                             const char          *arm_base_url,
                                             gint64               now,
                                             GCancellable        *cancellable,
                                             GError             **error);
/* The same on a worker thread with a store of its own opened on @db_path; @token is
 * copied, or NULL to get one there with lb_arm_sync_token_from_cli(). Announce the writes
 * to the GUI's store with lb_store_notify_changed(). */
void             lb_arm_sync_project_async  (const char          *db_path,
                                             gint64               project_id,
                                             LbHttpClient        *client,
                                             const char          *arm_base_url,
                                             const LbAzureToken  *token,
                                             gint64               now,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
LbArmSyncResult *lb_arm_sync_project_finish (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
