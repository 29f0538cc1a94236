/* lb-link-discovery.h: the links (distributed availability groups) a server takes part
 * in, with their replicas, endpoints, modes, connection state and databases (domain.md
 * §2.3 A and B); binding a project to one; and the split-brain check — both sides of a
 * link claiming the primary role (§2.4, §4.3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lb-sql-connection.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

/* One side of a link: an availability group on SQL Server or the managed instance. */
typedef struct
{
  char    *ag_name;               /* replica_server_name: for a DAG, the AG of that side */
  char    *endpoint_url;
  char    *availability_mode;     /* ASYNCHRONOUS_COMMIT … */
  char    *failover_mode;
  char    *seeding_mode;
  gboolean is_local;
  char    *role;                  /* PRIMARY, SECONDARY, RESOLVING; NULL when not reported */
  char    *connected_state;       /* CONNECTED, DISCONNECTED */
  char    *synchronization_health;
  char    *last_connect_error;    /* "(number) description", NULL when none */
} LbServerLinkReplica;

typedef struct
{
  LbServerLinkReplica *replica;         /* borrowed from the link's replicas */
  char          *database_name;
  char          *synchronization_state;
  char          *synchronization_health;
} LbServerLinkDatabase;

typedef struct
{
  char      *name;
  GPtrArray *replicas;  /* LbServerLinkReplica, local first */
  GPtrArray *databases; /* LbServerLinkDatabase: the local rows */
} LbServerLink;

void        lb_server_link_free               (LbServerLink            *link);
/* The local and remote sides (NULL when the server reported none). */
const LbServerLinkReplica *lb_server_link_get_local  (const LbServerLink      *link);
const LbServerLinkReplica *lb_server_link_get_remote (const LbServerLink      *link);

/* Two result sets: link replicas (§2.3 A), and per-database rows (§2.3 B). */
extern const char lb_link_discovery_sql[];
/* Reads the links from the rows of lb_link_discovery_sql (GPtrArray of LbServerLink, by name). */
GPtrArray  *lb_link_discovery_read     (const LbSqlResult *result,
                                        GError           **error);
GPtrArray  *lb_link_discovery_run      (LbSqlConnection   *connection,
                                        GCancellable      *cancellable,
                                        GError           **error);
/* The same on a worker thread, which looks the profile's password up in the keyring, logs
 * in and lists the links. */
void        lb_link_discovery_run_async  (const LbConnectionProfile *profile,
                                          GCancellable              *cancellable,
                                          GAsyncReadyCallback        callback,
                                          gpointer                   user_data);
GPtrArray  *lb_link_discovery_run_finish (GAsyncResult              *result,
                                          GError                   **error);
/* Binds @project_id to @link: its link and AG names, replication mode, link role and
 * (when the project names none, or @database is given) the source database. */
gboolean    lb_link_discovery_bind     (LbStore           *store,
                                        gint64             project_id,
                                        const LbServerLink      *link,
                                        const char        *database,
                                        GError           **error);

/* The role this server's side of @link_name holds (PRIMARY, SECONDARY…); the parameter is
 * the link's name. */
extern const char lb_link_role_sql[];

typedef struct
{
  char    *sqlserver_role;
  char    *managed_instance_role;
  gboolean split_brain;  /* both PRIMARY: writes on both sides would diverge */
  char    *summary;
} LbLinkRoles;

void        lb_link_roles_clear        (LbLinkRoles       *roles);
/* Judges the two sides' answers to lb_link_role_sql (either may be NULL: not reachable). */
void        lb_link_roles_judge        (const LbSqlResult *sqlserver,
                                        const LbSqlResult *managed_instance,
                                        const char        *link_name,
                                        LbLinkRoles       *roles);
/* Asks both sides; FALSE only when neither answered. */
gboolean    lb_link_roles_check        (LbSqlConnection   *sqlserver,
                                        LbSqlConnection   *managed_instance,
                                        const char        *link_name,
                                        LbLinkRoles       *roles,
                                        GCancellable      *cancellable,
                                        GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbServerLink, lb_server_link_free)

G_END_DECLS
