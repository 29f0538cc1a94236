/* lb-azure-document.h: the JSON that Azure prints about a link target — `az sql mi link
 * show|list`, `az sql mi show`, `az sql midb list` and the raw ARM GETs of the same
 * resources — recognised from its content and normalised into one shape.
 *
 * Both link schemas are read (domain.md §3.1, §3.3): the newer one (`databases[]` with
 * replica states, LSNs, lag and the partner certificate) and the older one
 * (`targetDatabase`, `linkState`), flattened by the az CLI or under "properties" as ARM
 * returns them. Anything else is refused with an error that says what was expected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LB_AZURE_DOCUMENT_LINK,      /* one link (az sql mi link show, ARM GET …/{dag}) */
  LB_AZURE_DOCUMENT_LINKS,     /* a list of links (az sql mi link list, ARM list: {value:[…]}) */
  LB_AZURE_DOCUMENT_INSTANCE,  /* az sql mi show, ARM GET …/managedInstances/{mi} */
  LB_AZURE_DOCUMENT_DATABASES, /* az sql midb list, ARM GET …/databases ({value:[…]}) */
} LbAzureDocumentKind;

/* Unset numbers are -1 (counts, seconds) or LB_UNSET_INT (times, sizes); unset text NULL. */
typedef struct
{
  char   *database_name;
  char   *replica_state;          /* "LinkSynchronizing", "Seeding", "…Error" */
  char   *seeding_progress;       /* "80%" */
  char   *synchronization_health; /* NOT_HEALTHY, PARTIALLY_HEALTHY, HEALTHY */
  char   *connected_state;        /* DISCONNECTED, CONNECTED */
  char   *last_hardened_lsn;
  gint64  last_hardened_at;       /* UTC ms */
  char   *most_recent_link_error;
  char   *cert_name;              /* partnerAuthCertValidity */
  gint64  cert_expires_at;        /* UTC ms */
  int     send_lag_s;             /* instanceSendReplicationLagSeconds */
  int     redo_lag_s;             /* instanceRedoReplicationLagSeconds */
} LbLinkDatabase;

typedef struct
{
  char      *name;                /* the DAG name (distributedAvailabilityGroupName, else name) */
  gboolean   new_schema;          /* databases[] rather than targetDatabase */
  char      *managed_instance;    /* from the resource id, when it has one */
  char      *resource_group;
  char      *subscription;
  char      *replication_mode;    /* Async, Sync */
  char      *failover_mode;       /* None, Manual */
  char      *seeding_mode;
  char      *instance_link_role;  /* Primary, Secondary */
  char      *partner_link_role;
  char      *instance_ag_name;    /* old schema: secondaryAvailabilityGroupName */
  char      *partner_ag_name;     /* old schema: primaryAvailabilityGroupName */
  char      *partner_endpoint;    /* old schema: sourceEndpoint */
  char      *link_state;          /* old schema only */
  GPtrArray *databases;           /* LbLinkDatabase; old schema: one, from targetDatabase */
} LbLinkState;

typedef struct
{
  char   *name;
  char   *resource_group;
  char   *subscription;
  char   *location;
  char   *sku_name;               /* GP_Gen5, BC_G8IM … */
  char   *tier;                   /* GeneralPurpose, BusinessCritical */
  char   *family;                 /* Gen5, G8IM, G8IH */
  int     vcores;                 /* sku.capacity, else vCores */
  gint64  storage_gb;             /* storageSizeInGb (az) or storageSizeInGB (ARM) */
  int     is_general_purpose_v2;  /* -1 unset, 0, 1 */
  char   *state;                  /* Ready, Stopped … */
  char   *database_format;        /* SQLServer2022, AlwaysUpToDate … */
  char   *hybrid_secondary_usage; /* Active, Passive */
  char   *license_type;           /* LicenseIncluded, BasePrice */
} LbInstanceState;

typedef struct
{
  char *name;
  char *status;                   /* Online, Restoring … */
} LbManagedDatabase;

typedef struct
{
  LbAzureDocumentKind kind;
  gboolean            from_arm;   /* raw ARM ("properties" objects) rather than az output */
  GPtrArray          *links;      /* LbLinkState: one for LINK, any number for LINKS */
  LbInstanceState    *instance;   /* INSTANCE only */
  GPtrArray          *databases;  /* LbManagedDatabase, DATABASES only */
  char               *next_link;  /* ARM lists: the next page when this one is partial; else NULL */
} LbAzureDocument;

/* At most this much JSON is read, nested at most LB_AZURE_DOCUMENT_MAX_DEPTH deep: the
 * biggest real document is far smaller, and a hostile one must not exhaust memory or the
 * stack. */
#define LB_AZURE_DOCUMENT_MAX_BYTES (16 * 1024 * 1024)
#define LB_AZURE_DOCUMENT_MAX_DEPTH 64

/* Recognises and reads @data (@length bytes, not necessarily NUL-terminated; a UTF-8 byte
 * order mark is skipped). NULL with LB_ERROR_FAILED and a message naming what is wrong
 * ("not JSON: …", "an Azure document was expected: …", "“databases” must be an array")
 * when it is not one of the documents above.
 *
 * Recognition: an object with "value" (ARM) or a bare array (az) is a list, of links or
 * of databases as its items show; an empty list, a list of instances and a list of mixed
 * kinds are refused. An object is a link when its type is …/distributedAvailabilityGroups
 * or it has distributedAvailabilityGroupName, databases, targetDatabase or linkState
 * (flattened or under "properties"), else an instance when its type is
 * Microsoft.Sql/managedInstances or it has sku with vCores or storageSizeInGb/GB.
 *
 * Reading: JSON null counts as absent. A member that gives the document its structure
 * (value, properties, sku, databases and its items, partnerAuthCertValidity) must have
 * its JSON type or the document is refused; a scalar of the wrong type, and an empty
 * string, read as unset. A link without databases or targetDatabase is read, with an
 * empty (never NULL) databases array; new_schema is FALSE only when the link has
 * old-schema members and no "databases".
 * Times without an offset are UTC, as Azure prints them. */
LbAzureDocument *lb_azure_document_parse      (const char          *data,
                                               gsize                length,
                                               GError             **error);
void             lb_azure_document_free       (LbAzureDocument     *document);
/* "az sql mi link show", "ARM managed instance" … for people. */
const char      *lb_azure_document_kind_label (const LbAzureDocument *document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbAzureDocument, lb_azure_document_free)

G_END_DECLS
