/* lb-link-discovery.c: links from the availability-group views; binding; split brain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lb-link-discovery.h"
#include "../model/lb-record.h"
#include "../model/lb-records.h"

const char lb_link_discovery_sql[] =
  "SET NOCOUNT ON;\n"
  "SELECT ag.name AS link_name, ar.replica_server_name AS ag_on_side, ar.endpoint_url,\n"
  "       ar.availability_mode_desc, ar.failover_mode_desc, ar.seeding_mode_desc,\n"
  "       ars.is_local, ars.role_desc, ars.connected_state_desc, ars.synchronization_health_desc,\n"
  "       ars.last_connect_error_number, ars.last_connect_error_description\n"
  "FROM sys.availability_groups AS ag\n"
  "JOIN sys.availability_replicas AS ar ON ar.group_id = ag.group_id\n"
  "LEFT JOIN sys.dm_hadr_availability_replica_states AS ars ON ars.replica_id = ar.replica_id\n"
  "WHERE ag.is_distributed = 1\n"
  "ORDER BY ag.name, ars.is_local DESC;\n"
  "SELECT ag.name AS link_name, DB_NAME(drs.database_id) AS database_name,\n"
  "       drs.synchronization_state_desc, drs.synchronization_health_desc\n"
  "FROM sys.dm_hadr_database_replica_states AS drs\n"
  "JOIN sys.availability_groups AS ag ON ag.group_id = drs.group_id\n"
  "WHERE ag.is_distributed = 1 AND drs.is_local = 1;\n";

const char lb_link_role_sql[] =
  "SET NOCOUNT ON;\n"
  "SELECT ag.name AS link_name, rs.role_desc\n"
  "FROM sys.availability_groups AS ag\n"
  "JOIN sys.dm_hadr_availability_replica_states AS rs ON rs.group_id = ag.group_id\n"
  "WHERE rs.is_local = 1 AND ag.is_distributed = 1 AND ag.name = ?;\n";

static void
replica_free (gpointer data)
{
  LbServerLinkReplica *replica = data;

  g_free (replica->ag_name);
  g_free (replica->endpoint_url);
  g_free (replica->availability_mode);
  g_free (replica->failover_mode);
  g_free (replica->seeding_mode);
  g_free (replica->role);
  g_free (replica->connected_state);
  g_free (replica->synchronization_health);
  g_free (replica->last_connect_error);
  g_free (replica);
}

static void
database_free (gpointer data)
{
  LbServerLinkDatabase *database = data;

  g_free (database->database_name);
  g_free (database->synchronization_state);
  g_free (database->synchronization_health);
  g_free (database);
}

void
lb_server_link_free (LbServerLink *link)
{
  if (link == NULL)
    return;
  g_free (link->name);
  g_ptr_array_unref (link->replicas);
  g_ptr_array_unref (link->databases);
  g_free (link);
}

const LbServerLinkReplica *
lb_server_link_get_local (const LbServerLink *link)
{
  for (guint i = 0; i < link->replicas->len; i++)
    if (((LbServerLinkReplica *) link->replicas->pdata[i])->is_local)
      return link->replicas->pdata[i];
  return NULL;
}

const LbServerLinkReplica *
lb_server_link_get_remote (const LbServerLink *link)
{
  for (guint i = 0; i < link->replicas->len; i++)
    if (!((LbServerLinkReplica *) link->replicas->pdata[i])->is_local)
      return link->replicas->pdata[i];
  return NULL;
}

static LbServerLink *
find_or_add (GPtrArray  *links,
             const char *name)
{
  LbServerLink *link;

  for (guint i = 0; i < links->len; i++)
    if (g_strcmp0 (((LbServerLink *) links->pdata[i])->name, name) == 0)
      return links->pdata[i];
  link = g_new0 (LbServerLink, 1);
  link->name = g_strdup (name);
  link->replicas = g_ptr_array_new_with_free_func (replica_free);
  link->databases = g_ptr_array_new_with_free_func (database_free);
  g_ptr_array_add (links, link);
  return link;
}

static char *
dup_column (const LbSqlRowSet *set,
            guint              row,
            const char        *column)
{
  return g_strdup (lb_sql_row_set_get (set, row, column));
}

GPtrArray *
lb_link_discovery_read (const LbSqlResult *result,
                        GError           **error)
{
  const LbSqlRowSet *replicas = lb_sql_result_get_set (result, 0);
  const LbSqlRowSet *databases = lb_sql_result_get_set (result, 1);
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_server_link_free);

  if (replicas == NULL || lb_sql_row_set_find_column (replicas, "link_name") < 0
      || lb_sql_row_set_find_column (replicas, "ag_on_side") < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The server's answer lacks the link replicas (link_name, ag_on_side)"));
      return NULL;
    }
  for (guint r = 0; r < replicas->rows->len; r++)
    {
      const char *name = lb_sql_row_set_get (replicas, r, "link_name");
      LbServerLinkReplica *replica;
      gint64 number, is_local;
      LbServerLink *link;

      if (name == NULL)
        continue;
      link = find_or_add (links, name);
      replica = g_new0 (LbServerLinkReplica, 1);
      replica->ag_name = dup_column (replicas, r, "ag_on_side");
      replica->endpoint_url = dup_column (replicas, r, "endpoint_url");
      replica->availability_mode = dup_column (replicas, r, "availability_mode_desc");
      replica->failover_mode = dup_column (replicas, r, "failover_mode_desc");
      replica->seeding_mode = dup_column (replicas, r, "seeding_mode_desc");
      replica->is_local = lb_sql_row_set_get_int64 (replicas, r, "is_local", &is_local) && is_local == 1;
      replica->role = dup_column (replicas, r, "role_desc");
      replica->connected_state = dup_column (replicas, r, "connected_state_desc");
      replica->synchronization_health = dup_column (replicas, r, "synchronization_health_desc");
      if (lb_sql_row_set_get_int64 (replicas, r, "last_connect_error_number", &number) && number != 0)
        replica->last_connect_error = g_strdup_printf ("(%" G_GINT64_FORMAT ") %s", number,
                                                       lb_sql_row_set_get (replicas, r,
                                                                           "last_connect_error_description") ?: "");
      /* Local first, so that "this side" reads first wherever links are listed. */
      if (replica->is_local)
        g_ptr_array_insert (link->replicas, 0, replica);
      else
        g_ptr_array_add (link->replicas, replica);
    }
  for (guint r = 0; databases != NULL && r < databases->rows->len; r++)
    {
      const char *name = lb_sql_row_set_get (databases, r, "link_name");
      LbServerLinkDatabase *database;
      LbServerLink *link;

      if (name == NULL)
        continue;
      link = find_or_add (links, name);
      database = g_new0 (LbServerLinkDatabase, 1);
      database->replica = (LbServerLinkReplica *) lb_server_link_get_local (link);
      database->database_name = dup_column (databases, r, "database_name");
      database->synchronization_state = dup_column (databases, r, "synchronization_state_desc");
      database->synchronization_health = dup_column (databases, r, "synchronization_health_desc");
      g_ptr_array_add (link->databases, database);
    }
  return g_steal_pointer (&links);
}

GPtrArray *
lb_link_discovery_run (LbSqlConnection *connection,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autoptr(LbSqlResult) result = NULL;

  if (!lb_sql_connection_open (connection, cancellable, error))
    return NULL;
  if ((result = lb_sql_connection_query (connection, lb_link_discovery_sql, NULL, cancellable, error)) == NULL)
    return NULL;
  return lb_link_discovery_read (result, error);
}

static void
discovery_worker (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbSqlConnection) connection = lb_sql_connection_new_from_keyring (data, cancellable, &error);
  GPtrArray *links = connection != NULL ? lb_link_discovery_run (connection, cancellable, &error) : NULL;

  if (links == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, links, (GDestroyNotify) g_ptr_array_unref);
}

void
lb_link_discovery_run_async (const LbConnectionProfile *profile,
                             GCancellable              *cancellable,
                             GAsyncReadyCallback        callback,
                             gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, lb_link_discovery_run_async);
  g_task_set_task_data (task, lb_record_copy (profile), lb_record_free);
  g_task_run_in_thread (task, discovery_worker);
}

GPtrArray *
lb_link_discovery_run_finish (GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
set_text (char      **slot,
          const char *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

gboolean
lb_link_discovery_bind (LbStore      *store,
                        gint64        project_id,
                        const LbServerLink *link,
                        const char   *database,
                        GError      **error)
{
  const LbServerLinkReplica *local = lb_server_link_get_local (link);
  const LbServerLinkReplica *remote = lb_server_link_get_remote (link);
  LbProject *project = lb_store_get (store, &lb_project_kind, project_id, error);
  gboolean ok;

  if (project == NULL)
    return FALSE;
  if (database != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < link->databases->len; i++)
        if (g_ascii_strcasecmp (((LbServerLinkDatabase *) link->databases->pdata[i])->database_name, database) == 0)
          found = TRUE;
      if (!found)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The link %s does not replicate a database “%s”"),
                       link->name, database);
          lb_record_free (project);
          return FALSE;
        }
      set_text (&project->source_database, database);
    }
  else if (project->source_database == NULL && link->databases->len == 1)
    set_text (&project->source_database, ((LbServerLinkDatabase *) link->databases->pdata[0])->database_name);
  set_text (&project->link_name, link->name);
  if (local != NULL)
    set_text (&project->source_ag, local->ag_name);
  if (remote != NULL)
    set_text (&project->target_ag, remote->ag_name);
  if (local != NULL && local->availability_mode != NULL)
    project->replication_mode = strstr (local->availability_mode, "ASYNCHRONOUS") != NULL ? LB_REPLICATION_ASYNC
                                : strstr (local->availability_mode, "SYNCHRONOUS") != NULL ? LB_REPLICATION_SYNC
                                : project->replication_mode;
  /* Discovery runs on the SQL Server side: its local role says who is primary. */
  if (local != NULL && g_strcmp0 (local->role, "PRIMARY") == 0)
    project->link_role = LB_LINK_ROLE_SQLSERVER_PRIMARY;
  else if (local != NULL && g_strcmp0 (local->role, "SECONDARY") == 0)
    project->link_role = LB_LINK_ROLE_MI_PRIMARY;
  ok = lb_store_update (store, project, error);
  lb_record_free (project);
  return ok;
}

void
lb_link_roles_clear (LbLinkRoles *roles)
{
  g_clear_pointer (&roles->sqlserver_role, g_free);
  g_clear_pointer (&roles->managed_instance_role, g_free);
  g_clear_pointer (&roles->summary, g_free);
}

static char *
role_of (const LbSqlResult *result)
{
  const LbSqlRowSet *set = result != NULL ? lb_sql_result_get_set (result, 0) : NULL;

  if (set == NULL || set->rows->len == 0)
    return NULL;
  return g_strdup (lb_sql_row_set_get (set, 0, "role_desc"));
}

void
lb_link_roles_judge (const LbSqlResult *sqlserver,
                     const LbSqlResult *managed_instance,
                     const char        *link_name,
                     LbLinkRoles       *roles)
{
  memset (roles, 0, sizeof *roles);
  roles->sqlserver_role = role_of (sqlserver);
  roles->managed_instance_role = role_of (managed_instance);
  roles->split_brain = g_strcmp0 (roles->sqlserver_role, "PRIMARY") == 0
                       && g_strcmp0 (roles->managed_instance_role, "PRIMARY") == 0;
  if (roles->split_brain)
    roles->summary = g_strdup_printf (_("Split brain: SQL Server and the managed instance are both primary for %s. "
                                        "Stop writes on the side that must not be primary, then set its role to "
                                        "secondary"), link_name);
  else if (roles->sqlserver_role == NULL && roles->managed_instance_role == NULL)
    roles->summary = g_strdup_printf (_("Neither side reports a role for %s"), link_name);
  else
    /* TRANSLATORS: "DAG_ERP: SQL Server is PRIMARY, the managed instance is SECONDARY" */
    roles->summary = g_strdup_printf (_("%s: SQL Server is %s, the managed instance is %s"), link_name,
                                      roles->sqlserver_role != NULL ? roles->sqlserver_role : _("unknown"),
                                      roles->managed_instance_role != NULL ? roles->managed_instance_role
                                                                           : _("unknown"));
}

gboolean
lb_link_roles_check (LbSqlConnection *sqlserver,
                     LbSqlConnection *managed_instance,
                     const char      *link_name,
                     LbLinkRoles     *roles,
                     GCancellable    *cancellable,
                     GError         **error)
{
  const char *const params[] = { link_name, NULL };
  g_autoptr(LbSqlResult) source = NULL;
  g_autoptr(LbSqlResult) target = NULL;
  g_autoptr(GError) source_error = NULL;
  g_autoptr(GError) target_error = NULL;

  if (lb_sql_connection_open (sqlserver, cancellable, &source_error))
    source = lb_sql_connection_query (sqlserver, lb_link_role_sql, params, cancellable, &source_error);
  if (lb_sql_connection_open (managed_instance, cancellable, &target_error))
    target = lb_sql_connection_query (managed_instance, lb_link_role_sql, params, cancellable, &target_error);
  if (source == NULL && target == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&source_error));
      return FALSE;
    }
  lb_link_roles_judge (source, target, link_name, roles);
  /* One side unreachable cannot rule split brain out: say which. */
  if (source == NULL || target == NULL)
    {
      char *summary = g_strdup_printf (_("%s (could not ask %s: %s)"), roles->summary,
                                       source == NULL ? _("SQL Server") : _("the managed instance"),
                                       (source == NULL ? source_error : target_error)->message);

      g_free (roles->summary);
      roles->summary = summary;
    }
  return TRUE;
}
