/* lb-azure-document.c
 *
 * The documents come from people's files, so nothing in them is trusted: the size and the
 * nesting are checked before json-glib sees the text (its parser recurses once per level),
 * and every member is read by type. JSON null counts as absent everywhere, because the az
 * CLI prints every unset property as null.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-azure-document"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "../model/lb-error.h"
#include "../model/lb-record.h"
#include "../model/lb-time.h"
#include "lb-azure-document.h"

#define LINK_TYPE_SUFFIX "/distributedAvailabilityGroups"
#define INSTANCE_TYPE "Microsoft.Sql/managedInstances"
#define DATABASE_TYPE_SUFFIX "managedInstances/databases"

typedef enum
{
  SHAPE_UNKNOWN,
  SHAPE_LINK,
  SHAPE_INSTANCE,
  SHAPE_DATABASE,
} Shape;

/* A resource as ARM (members under "properties") or the az CLI (flattened) prints it.
 * Lookups try "properties" first, then the resource itself: ARM keeps id, name, type,
 * location and sku outside "properties". */
typedef struct
{
  JsonObject *resource;
  JsonObject *properties; /* NULL when flattened */
} Resource;

/* ---- freeing -------------------------------------------------------------------------- */

static void
link_database_free (gpointer data)
{
  LbLinkDatabase *database = data;

  g_free (database->database_name);
  g_free (database->replica_state);
  g_free (database->seeding_progress);
  g_free (database->synchronization_health);
  g_free (database->connected_state);
  g_free (database->last_hardened_lsn);
  g_free (database->most_recent_link_error);
  g_free (database->cert_name);
  g_free (database);
}

static LbLinkDatabase *
link_database_new (void)
{
  LbLinkDatabase *database = g_new0 (LbLinkDatabase, 1);

  database->last_hardened_at = LB_UNSET_INT;
  database->cert_expires_at = LB_UNSET_INT;
  database->send_lag_s = -1;
  database->redo_lag_s = -1;
  return database;
}

static void
link_state_free (gpointer data)
{
  LbLinkState *link = data;

  g_free (link->name);
  g_free (link->managed_instance);
  g_free (link->resource_group);
  g_free (link->subscription);
  g_free (link->replication_mode);
  g_free (link->failover_mode);
  g_free (link->seeding_mode);
  g_free (link->instance_link_role);
  g_free (link->partner_link_role);
  g_free (link->instance_ag_name);
  g_free (link->partner_ag_name);
  g_free (link->partner_endpoint);
  g_free (link->link_state);
  g_clear_pointer (&link->databases, g_ptr_array_unref);
  g_free (link);
}

static void
instance_state_free (LbInstanceState *instance)
{
  g_free (instance->name);
  g_free (instance->resource_group);
  g_free (instance->subscription);
  g_free (instance->location);
  g_free (instance->sku_name);
  g_free (instance->tier);
  g_free (instance->family);
  g_free (instance->state);
  g_free (instance->database_format);
  g_free (instance->hybrid_secondary_usage);
  g_free (instance->license_type);
  g_free (instance);
}

static void
managed_database_free (gpointer data)
{
  LbManagedDatabase *database = data;

  g_free (database->name);
  g_free (database->status);
  g_free (database);
}

void
lb_azure_document_free (LbAzureDocument *document)
{
  if (document == NULL)
    return;
  g_clear_pointer (&document->links, g_ptr_array_unref);
  g_clear_pointer (&document->instance, instance_state_free);
  g_clear_pointer (&document->databases, g_ptr_array_unref);
  g_free (document->next_link);
  g_free (document);
}

/* ---- reading members by type ---------------------------------------------------------- */

/* The member, or NULL when it is missing or JSON null. */
static JsonNode *
member_in (JsonObject *object,
           const char *name)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static JsonNode *
member (const Resource *r,
        const char     *name)
{
  JsonNode *node = member_in (r->properties, name);

  return node != NULL ? node : member_in (r->resource, name);
}

static gboolean
has_member (const Resource *r,
            const char     *name)
{
  return member (r, name) != NULL;
}

/* A copy of a string member; any other type reads as unset, and so does "", which ARM
 * prints for a seeding progress or link error it does not have. */
static char *
text_in (JsonObject *object,
         const char *name)
{
  JsonNode *node = member_in (object, name);
  const char *value;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  value = json_node_get_string (node);
  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

static char *
text (const Resource *r,
      const char     *name)
{
  char *value = text_in (r->properties, name);

  return value != NULL ? value : text_in (r->resource, name);
}

/* A whole, non-negative number; fractions, strings and booleans read as unset. */
static gboolean
count_in (JsonObject *object,
          const char *name,
          gint64     *out)
{
  JsonNode *node = member_in (object, name);
  GType type;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      /* 9e15 keeps the conversion exact and far from overflow. */
      if (value != (double) (gint64) value || value < 0 || value > 9e15)
        return FALSE;
      *out = (gint64) value;
    }
  else
    return FALSE;
  return *out >= 0;
}

static gboolean
count (const Resource *r,
       const char     *name,
       gint64         *out)
{
  return count_in (r->properties, name, out) || count_in (r->resource, name, out);
}

/* For int fields: -1 when unset or out of range. */
static int
small_count (const Resource *r,
             const char     *name)
{
  gint64 value;

  return count (r, name, &value) && value <= G_MAXINT ? (int) value : -1;
}

/* Azure prints UTC; a time without an offset is read as UTC too. */
static gint64
time_in (JsonObject *object,
         const char *name)
{
  g_autofree char *value = text_in (object, name);
  g_autoptr(GTimeZone) utc = NULL;
  gint64 ms;

  if (value == NULL)
    return LB_UNSET_INT;
  utc = g_time_zone_new_utc ();
  return lb_time_parse (value, utc, &ms) ? ms : LB_UNSET_INT;
}

/* An object member that must be an object when present (the structure, not a value). */
static gboolean
object_member (JsonObject  *object,
               const char  *name,
               JsonObject **out,
               GError     **error)
{
  JsonNode *node = member_in (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* TRANSLATORS: %s is a JSON member name such as "sku" */
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("“%s” must be an object"), name);
      return FALSE;
    }
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
array_member (JsonObject  *object,
              const char  *name,
              JsonArray  **out,
              GError     **error)
{
  JsonNode *node = member_in (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      /* TRANSLATORS: %s is a JSON member name such as "databases" */
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("“%s” must be an array"), name);
      return FALSE;
    }
  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
resource_init (Resource   *r,
               JsonObject *object,
               GError    **error)
{
  r->resource = object;
  return object_member (object, "properties", &r->properties, error);
}

/* ARM spells types as it likes ("microsoft.sql/…" appears in the wild). */
static gboolean
type_is (const Resource *r,
         const char     *type,
         gboolean        suffix)
{
  g_autofree char *value = text_in (r->resource, "type");
  gsize length, type_length = strlen (type);

  if (value == NULL || (length = strlen (value)) < type_length || (!suffix && length != type_length))
    return FALSE;
  return g_ascii_strcasecmp (value + length - type_length, type) == 0;
}

/* "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Sql/managedInstances/{mi}/…" */
static void
parse_resource_id (const Resource *r,
                   char          **subscription,
                   char          **resource_group,
                   char          **managed_instance)
{
  g_autofree char *id = text_in (r->resource, "id");
  g_auto(GStrv) segments = NULL;

  if (id == NULL)
    return;
  segments = g_strsplit (id, "/", -1);
  for (guint i = 0; segments[i] != NULL && segments[i + 1] != NULL; i++)
    {
      char **out = NULL;

      if (g_ascii_strcasecmp (segments[i], "subscriptions") == 0)
        out = subscription;
      else if (g_ascii_strcasecmp (segments[i], "resourceGroups") == 0)
        out = resource_group;
      else if (g_ascii_strcasecmp (segments[i], "managedInstances") == 0)
        out = managed_instance;
      if (out == NULL)
        continue;
      /* Skipping the value keeps a resource group named "subscriptions" from confusing us. */
      i++;
      if (*out == NULL && *segments[i] != '\0')
        *out = g_strdup (segments[i]);
    }
}

/* ---- recognising ---------------------------------------------------------------------- */

static gboolean
looks_like_link (const Resource *r)
{
  return type_is (r, LINK_TYPE_SUFFIX, TRUE) || has_member (r, "distributedAvailabilityGroupName") ||
         has_member (r, "databases") || has_member (r, "targetDatabase") || has_member (r, "linkState");
}

static gboolean
looks_like_instance (const Resource *r)
{
  return type_is (r, INSTANCE_TYPE, FALSE) ||
         (has_member (r, "sku") &&
          (has_member (r, "vCores") || has_member (r, "storageSizeInGb") || has_member (r, "storageSizeInGB")));
}

static gboolean
looks_like_database (const Resource *r)
{
  return type_is (r, DATABASE_TYPE_SUFFIX, TRUE) || has_member (r, "status") || has_member (r, "collation");
}

/* An instance has a collation too, so it is recognised before a database is. */
static Shape
shape_of (const Resource *r)
{
  if (looks_like_link (r))
    return SHAPE_LINK;
  if (looks_like_instance (r))
    return SHAPE_INSTANCE;
  if (looks_like_database (r))
    return SHAPE_DATABASE;
  return SHAPE_UNKNOWN;
}

static const char *
shape_name (Shape shape)
{
  switch (shape)
    {
    case SHAPE_LINK:
      return _("a link");
    case SHAPE_INSTANCE:
      return _("a managed instance");
    case SHAPE_DATABASE:
      return _("a database");
    case SHAPE_UNKNOWN:
    default:
      return _("unrecognised");
    }
}

/* ---- reading resources ---------------------------------------------------------------- */

static gboolean
read_link_database (JsonObject      *object,
                    LbLinkDatabase **out,
                    GError         **error)
{
  LbLinkDatabase *database;
  JsonObject *cert;
  Resource r = { object, NULL };
  gint64 lag;

  if (!object_member (object, "partnerAuthCertValidity", &cert, error))
    return FALSE;
  database = link_database_new ();
  database->database_name = text (&r, "databaseName");
  database->replica_state = text (&r, "replicaState");
  database->seeding_progress = text (&r, "seedingProgress");
  database->synchronization_health = text (&r, "synchronizationHealth");
  database->connected_state = text (&r, "connectedState");
  database->last_hardened_lsn = text (&r, "lastHardenedLsn");
  database->last_hardened_at = time_in (object, "lastHardenedTime");
  database->most_recent_link_error = text (&r, "mostRecentLinkError");
  database->cert_name = text_in (cert, "certificateName");
  database->cert_expires_at = time_in (cert, "expiryDate");
  /* Seconds are int32 on the wire. */
  if (count (&r, "instanceSendReplicationLagSeconds", &lag) && lag <= G_MAXINT32)
    database->send_lag_s = (int) lag;
  if (count (&r, "instanceRedoReplicationLagSeconds", &lag) && lag <= G_MAXINT32)
    database->redo_lag_s = (int) lag;
  *out = database;
  return TRUE;
}

static gboolean
is_old_schema (const Resource *r)
{
  static const char *const old_members[] = {
    "targetDatabase", "linkState", "sourceEndpoint", "primaryAvailabilityGroupName",
    "secondaryAvailabilityGroupName", "sourceReplicaId", "targetReplicaId",
  };

  if (has_member (r, "databases"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (old_members); i++)
    if (has_member (r, old_members[i]))
      return TRUE;
  return FALSE;
}

static LbLinkState *
read_link (const Resource *r,
           GError        **error)
{
  g_autoptr(GPtrArray) databases = g_ptr_array_new_with_free_func (link_database_free);
  LbLinkState *link;
  JsonArray *array = NULL;
  gboolean old = is_old_schema (r);

  if (!old)
    {
      JsonNode *node = member (r, "databases");

      if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("“%s” must be an array"), "databases");
          return NULL;
        }
      array = node != NULL ? json_node_get_array (node) : NULL;
    }
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      LbLinkDatabase *database;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          /* TRANSLATORS: %u counts from 1 */
          g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("item %u of “databases” must be an object"), i + 1);
          return NULL;
        }
      if (!read_link_database (json_node_get_object (item), &database, error))
        return NULL;
      g_ptr_array_add (databases, database);
    }

  link = g_new0 (LbLinkState, 1);
  link->new_schema = !old;
  link->name = text (r, "distributedAvailabilityGroupName");
  if (link->name == NULL)
    link->name = text (r, "name");
  parse_resource_id (r, &link->subscription, &link->resource_group, &link->managed_instance);
  if (link->resource_group == NULL)
    link->resource_group = text (r, "resourceGroup"); /* az adds it to some outputs */
  link->replication_mode = text (r, "replicationMode");
  link->failover_mode = text (r, "failoverMode");
  link->seeding_mode = text (r, "seedingMode");
  link->instance_link_role = text (r, "instanceLinkRole");
  link->partner_link_role = text (r, "partnerLinkRole");
  if (old)
    {
      /* The old schema names the roles of the first link: SQL Server was always primary. */
      link->instance_ag_name = text (r, "secondaryAvailabilityGroupName");
      link->partner_ag_name = text (r, "primaryAvailabilityGroupName");
      link->partner_endpoint = text (r, "sourceEndpoint");
      link->link_state = text (r, "linkState");
      if (has_member (r, "targetDatabase"))
        {
          LbLinkDatabase *database = link_database_new ();

          database->database_name = text (r, "targetDatabase");
          database->last_hardened_lsn = text (r, "lastHardenedLsn");
          g_ptr_array_add (databases, database);
        }
    }
  else
    {
      link->instance_ag_name = text (r, "instanceAvailabilityGroupName");
      link->partner_ag_name = text (r, "partnerAvailabilityGroupName");
      link->partner_endpoint = text (r, "partnerEndpoint");
    }
  link->databases = g_steal_pointer (&databases);
  return link;
}

static LbInstanceState *
read_instance (const Resource *r,
               GError        **error)
{
  LbInstanceState *instance;
  JsonObject *sku;
  JsonNode *node;
  g_autofree char *id_name = NULL;
  g_autofree char *id_group = NULL;
  gint64 value;

  if (!object_member (r->resource, "sku", &sku, error))
    return NULL;
  if (sku == NULL && r->properties != NULL && !object_member (r->properties, "sku", &sku, error))
    return NULL;

  instance = g_new0 (LbInstanceState, 1);
  parse_resource_id (r, &instance->subscription, &id_group, &id_name);
  instance->name = text (r, "name");
  if (instance->name == NULL)
    instance->name = g_steal_pointer (&id_name);
  instance->resource_group = text (r, "resourceGroup");
  if (instance->resource_group == NULL)
    instance->resource_group = g_steal_pointer (&id_group);
  instance->location = text (r, "location");
  instance->sku_name = text_in (sku, "name");
  instance->tier = text_in (sku, "tier");
  instance->family = text_in (sku, "family");
  instance->vcores = -1;
  if (count_in (sku, "capacity", &value) && value <= G_MAXINT)
    instance->vcores = (int) value;
  else
    instance->vcores = small_count (r, "vCores");
  /* az prints the SDK's "storageSizeInGb", ARM "storageSizeInGB". */
  if (!count (r, "storageSizeInGb", &instance->storage_gb) && !count (r, "storageSizeInGB", &instance->storage_gb))
    instance->storage_gb = LB_UNSET_INT;
  node = member (r, "isGeneralPurposeV2");
  instance->is_general_purpose_v2 = -1;
  if (node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    instance->is_general_purpose_v2 = json_node_get_boolean (node) ? 1 : 0;
  instance->state = text (r, "state");
  instance->database_format = text (r, "databaseFormat");
  instance->hybrid_secondary_usage = text (r, "hybridSecondaryUsage");
  instance->license_type = text (r, "licenseType");
  return instance;
}

static LbManagedDatabase *
read_database (const Resource *r)
{
  LbManagedDatabase *database = g_new0 (LbManagedDatabase, 1);

  database->name = text (r, "name");
  database->status = text (r, "status");
  return database;
}

/* ---- documents ------------------------------------------------------------------------ */

static const char *
unrecognised_message (void)
{
  return _("an Azure document was expected: a link (az sql mi link show), a list of links, a managed instance "
           "(az sql mi show) or its databases (az sql midb list); this JSON object has none of their fields");
}

static gboolean
read_list (LbAzureDocument *document,
           JsonArray       *items,
           GError         **error)
{
  guint n = json_array_get_length (items);
  Shape shape = SHAPE_UNKNOWN;

  if (n == 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                   _("the list is empty: it says nothing about a link or the databases of an instance"));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      Resource r;
      Shape item_shape;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          /* TRANSLATORS: %u counts from 1 */
          g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("item %u of the list is not a JSON object"), i + 1);
          return FALSE;
        }
      if (!resource_init (&r, json_node_get_object (node), error))
        return FALSE;
      item_shape = shape_of (&r);
      if (item_shape == SHAPE_UNKNOWN)
        {
          g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                       _("item %u of the list is neither a link (az sql mi link list) nor a database "
                         "(az sql midb list)"),
                       i + 1);
          return FALSE;
        }
      if (item_shape == SHAPE_INSTANCE)
        {
          g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                       _("a list of managed instances (az sql mi list) is not read; "
                         "give the output of az sql mi show for the one instance"));
          return FALSE;
        }
      if (i == 0)
        {
          shape = item_shape;
          document->kind = shape == SHAPE_LINK ? LB_AZURE_DOCUMENT_LINKS : LB_AZURE_DOCUMENT_DATABASES;
          if (shape == SHAPE_LINK)
            document->links = g_ptr_array_new_with_free_func (link_state_free);
          else
            document->databases = g_ptr_array_new_with_free_func (managed_database_free);
        }
      else if (item_shape != shape)
        {
          /* TRANSLATORS: "item 2 of the list is a database, but item 1 is a link: …" */
          g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                       _("item %u of the list is %s, but item 1 is %s: a list holds one kind"), i + 1,
                       shape_name (item_shape), shape_name (shape));
          return FALSE;
        }
      if (r.properties != NULL)
        document->from_arm = TRUE;
      if (shape == SHAPE_LINK)
        {
          LbLinkState *link = read_link (&r, error);

          if (link == NULL)
            {
              g_prefix_error (error, _("item %u of the list: "), i + 1);
              return FALSE;
            }
          g_ptr_array_add (document->links, link);
        }
      else
        g_ptr_array_add (document->databases, read_database (&r));
    }
  return TRUE;
}

static gboolean
read_object (LbAzureDocument *document,
             JsonObject      *object,
             GError         **error)
{
  JsonArray *value;
  Resource r;

  if (!array_member (object, "value", &value, error))
    return FALSE;
  if (value != NULL)
    {
      /* Only ARM wraps its lists; az prints a bare array. */
      document->from_arm = TRUE;
      document->next_link = text_in (object, "nextLink");
      return read_list (document, value, error);
    }

  if (!resource_init (&r, object, error))
    return FALSE;
  document->from_arm = r.properties != NULL;
  switch (shape_of (&r))
    {
    case SHAPE_LINK:
      {
        LbLinkState *link = read_link (&r, error);

        if (link == NULL)
          return FALSE;
        document->kind = LB_AZURE_DOCUMENT_LINK;
        document->links = g_ptr_array_new_with_free_func (link_state_free);
        g_ptr_array_add (document->links, link);
        return TRUE;
      }
    case SHAPE_INSTANCE:
      document->kind = LB_AZURE_DOCUMENT_INSTANCE;
      return (document->instance = read_instance (&r, error)) != NULL;
    case SHAPE_DATABASE:
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                   _("this is one database (az sql midb show); the list of the instance’s databases "
                     "(az sql midb list) was expected"));
      return FALSE;
    case SHAPE_UNKNOWN:
    default:
      g_set_error_literal (error, LB_ERROR, LB_ERROR_FAILED, unrecognised_message ());
      return FALSE;
    }
}

/* Refuses embedded NULs and nesting deeper than the parser should recurse, counting only
 * brackets outside strings. */
static gboolean
prescan (const char *data,
         gsize       length,
         GError    **error)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\0')
        {
          g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                       _("not JSON: the document holds a NUL byte at offset %" G_GSIZE_FORMAT), i);
          return FALSE;
        }
      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > LB_AZURE_DOCUMENT_MAX_DEPTH)
            {
              g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("the document is nested deeper than %d levels"),
                           LB_AZURE_DOCUMENT_MAX_DEPTH);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          /* Unbalanced closers are json-glib's to report. */
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

static const char *
node_type_name (JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    return _("a string");
  if (type == G_TYPE_BOOLEAN)
    return _("a boolean");
  return _("a number");
}

LbAzureDocument *
lb_azure_document_parse (const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(LbAzureDocument) document = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > LB_AZURE_DOCUMENT_MAX_BYTES)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("the document is larger than %d MiB"),
                   LB_AZURE_DOCUMENT_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  /* PowerShell's Out-File writes a byte order mark, which json-glib refuses. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (length == 0)
    {
      g_set_error_literal (error, LB_ERROR, LB_ERROR_FAILED, _("not JSON: the document is empty"));
      return NULL;
    }
  if (!prescan (data, length, error))
    return NULL;
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, LB_ERROR, LB_ERROR_FAILED, _("not JSON: the document is not UTF-8 text"));
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      /* TRANSLATORS: %s is json-glib's message, with the line and column */
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("not JSON: %s"), local_error->message);
      return NULL;
    }
  if ((root = json_parser_get_root (parser)) == NULL)
    {
      g_set_error_literal (error, LB_ERROR, LB_ERROR_FAILED, _("not JSON: the document is empty"));
      return NULL;
    }

  document = g_new0 (LbAzureDocument, 1);
  switch (JSON_NODE_TYPE (root))
    {
    case JSON_NODE_OBJECT:
      if (!read_object (document, json_node_get_object (root), error))
        return NULL;
      break;
    case JSON_NODE_ARRAY:
      if (!read_list (document, json_node_get_array (root), error))
        return NULL;
      break;
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      /* TRANSLATORS: %s is "a string", "a number", "a boolean" or "null" */
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                   _("an Azure document is a JSON object or array, but this is %s"),
                   JSON_NODE_HOLDS_NULL (root) ? _("null") : node_type_name (root));
      return NULL;
    }
  return g_steal_pointer (&document);
}

const char *
lb_azure_document_kind_label (const LbAzureDocument *document)
{
  g_return_val_if_fail (document != NULL, NULL);

  switch (document->kind)
    {
    case LB_AZURE_DOCUMENT_LINK:
      return document->from_arm ? _("ARM link") : _("az sql mi link show");
    case LB_AZURE_DOCUMENT_LINKS:
      return document->from_arm ? _("ARM link list") : _("az sql mi link list");
    case LB_AZURE_DOCUMENT_INSTANCE:
      return document->from_arm ? _("ARM managed instance") : _("az sql mi show");
    case LB_AZURE_DOCUMENT_DATABASES:
      return document->from_arm ? _("ARM database list") : _("az sql midb list");
    default:
      g_return_val_if_reached (NULL);
    }
}
