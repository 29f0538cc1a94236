/* lb-drift.c
 *
 * One table row per design member: where Azure reports it, how it is compared and how
 * much a difference matters. The severities follow what a difference does to the
 * cutover plan: a different failover mode, tier, update policy or partner endpoint makes
 * the rehearsed failover or failback impossible (critical); a different replication mode,
 * licence or AG name changes what was approved and needs a look (warning); more capacity
 * than approved only costs more (info).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-drift"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lb-drift.h"
#include "../model/lb-error.h"
#include "../model/lb-records.h"
#include "../model/lb-time.h"

#define DAY_MS (24 * 3600 * G_GINT64_CONSTANT (1000))
#define RESULT_VERSION 1
#define SUMMARY_MAX_DIFFERENCES 3

static const LbEnumValue lb_drift_severity_values[] = {
  { "info", N_("Note") },
  { "warning", N_("Review") },
  { "critical", N_("Critical") },
};
const LbEnumInfo lb_drift_severity_enum = { "lb_drift_severity_enum", lb_drift_severity_values,
                                            G_N_ELEMENTS (lb_drift_severity_values) };

typedef enum { SOURCE_LINK, SOURCE_INSTANCE, SOURCE_EITHER } Source;

typedef enum
{
  COMPARE_TEXT,     /* equal ignoring case */
  COMPARE_REGION,   /* "West Europe" is "westeurope" */
  COMPARE_AT_LEAST, /* less than approved has the rule's severity; more is a note */
  COMPARE_DATABASE, /* the approved database is among the link's */
} Compare;

typedef char *(*Getter) (const LbLinkState     *link,
                         const LbInstanceState *instance);

typedef struct
{
  const char      *key;
  const char      *label;
  Source           source;
  Compare          compare;
  LbDriftSeverity  severity;
  Getter           get;
} DriftRule;

static char *
text_or_null (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static char *
number_or_null (gint64 value)
{
  return value >= 0 && value != LB_UNSET_INT ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : NULL;
}

#define LINK_TEXT(fname)                                                                     \
  static char *get_link_##fname (const LbLinkState *link, const LbInstanceState *instance)    \
  {                                                                                          \
    return text_or_null (link->fname);                                                       \
  }
#define INSTANCE_TEXT(fname)                                                                 \
  static char *get_instance_##fname (const LbLinkState *link, const LbInstanceState *instance) \
  {                                                                                          \
    return text_or_null (instance->fname);                                                   \
  }
/* The instance document names its resource best; a link's resource id names it too. */
#define EITHER_TEXT(iname, lname)                                                            \
  static char *get_either_##iname (const LbLinkState *link, const LbInstanceState *instance)  \
  {                                                                                          \
    if (instance != NULL && instance->iname != NULL)                                         \
      return text_or_null (instance->iname);                                                 \
    return link != NULL ? text_or_null (link->lname) : NULL;                                 \
  }

LINK_TEXT (name)
LINK_TEXT (partner_ag_name)
LINK_TEXT (instance_ag_name)
LINK_TEXT (partner_endpoint)
LINK_TEXT (instance_link_role)
LINK_TEXT (replication_mode)
LINK_TEXT (failover_mode)
LINK_TEXT (seeding_mode)
INSTANCE_TEXT (location)
INSTANCE_TEXT (tier)
INSTANCE_TEXT (family)
INSTANCE_TEXT (database_format)
INSTANCE_TEXT (license_type)
INSTANCE_TEXT (hybrid_secondary_usage)
EITHER_TEXT (name, managed_instance)
EITHER_TEXT (resource_group, resource_group)
EITHER_TEXT (subscription, subscription)

static char *
get_instance_vcores (const LbLinkState     *link,
                     const LbInstanceState *instance)
{
  return number_or_null (instance->vcores);
}

static char *
get_instance_storage (const LbLinkState     *link,
                      const LbInstanceState *instance)
{
  return number_or_null (instance->storage_gb);
}

static char *
get_instance_gpv2 (const LbLinkState     *link,
                   const LbInstanceState *instance)
{
  return instance->is_general_purpose_v2 < 0 ? NULL : g_strdup (instance->is_general_purpose_v2 ? "true" : "false");
}

/* "PlantERP, Staging" */
static char *
get_link_databases (const LbLinkState     *link,
                    const LbInstanceState *instance)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; link->databases != NULL && i < link->databases->len; i++)
    {
      const LbLinkDatabase *database = link->databases->pdata[i];

      if (database->database_name == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, database->database_name);
    }
  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

static const DriftRule rules[] = {
  { "managedInstance", N_("Managed instance"), SOURCE_EITHER, COMPARE_TEXT, LB_DRIFT_CRITICAL, get_either_name },
  { "resourceGroup", N_("Resource group"), SOURCE_EITHER, COMPARE_TEXT, LB_DRIFT_CRITICAL,
    get_either_resource_group },
  { "subscription", N_("Subscription"), SOURCE_EITHER, COMPARE_TEXT, LB_DRIFT_CRITICAL, get_either_subscription },
  { "region", N_("Region"), SOURCE_INSTANCE, COMPARE_REGION, LB_DRIFT_CRITICAL, get_instance_location },
  { "sku.tier", N_("Service tier"), SOURCE_INSTANCE, COMPARE_TEXT, LB_DRIFT_CRITICAL, get_instance_tier },
  { "sku.family", N_("Hardware"), SOURCE_INSTANCE, COMPARE_TEXT, LB_DRIFT_WARNING, get_instance_family },
  { "sku.capacity", N_("vCores"), SOURCE_INSTANCE, COMPARE_AT_LEAST, LB_DRIFT_CRITICAL, get_instance_vcores },
  { "isGeneralPurposeV2", N_("Next-gen General Purpose"), SOURCE_INSTANCE, COMPARE_TEXT, LB_DRIFT_WARNING,
    get_instance_gpv2 },
  { "storageSizeInGb", N_("Storage (GB)"), SOURCE_INSTANCE, COMPARE_AT_LEAST, LB_DRIFT_CRITICAL,
    get_instance_storage },
  { "databaseFormat", N_("Update policy"), SOURCE_INSTANCE, COMPARE_TEXT, LB_DRIFT_CRITICAL,
    get_instance_database_format },
  { "licenseType", N_("Licence type"), SOURCE_INSTANCE, COMPARE_TEXT, LB_DRIFT_WARNING, get_instance_license_type },
  { "hybridSecondaryUsage", N_("Secondary replica use"), SOURCE_INSTANCE, COMPARE_TEXT, LB_DRIFT_WARNING,
    get_instance_hybrid_secondary_usage },
  { "link.name", N_("Link name"), SOURCE_LINK, COMPARE_TEXT, LB_DRIFT_CRITICAL, get_link_name },
  { "link.databaseName", N_("Linked database"), SOURCE_LINK, COMPARE_DATABASE, LB_DRIFT_CRITICAL,
    get_link_databases },
  { "link.partnerAvailabilityGroupName", N_("SQL Server availability group"), SOURCE_LINK, COMPARE_TEXT,
    LB_DRIFT_WARNING, get_link_partner_ag_name },
  { "link.instanceAvailabilityGroupName", N_("Managed Instance availability group"), SOURCE_LINK, COMPARE_TEXT,
    LB_DRIFT_WARNING, get_link_instance_ag_name },
  { "link.partnerEndpoint", N_("SQL Server endpoint"), SOURCE_LINK, COMPARE_TEXT, LB_DRIFT_CRITICAL,
    get_link_partner_endpoint },
  { "link.instanceLinkRole", N_("Managed Instance role"), SOURCE_LINK, COMPARE_TEXT, LB_DRIFT_WARNING,
    get_link_instance_link_role },
  { "link.replicationMode", N_("Replication mode"), SOURCE_LINK, COMPARE_TEXT, LB_DRIFT_WARNING,
    get_link_replication_mode },
  { "link.failoverMode", N_("Failover mode"), SOURCE_LINK, COMPARE_TEXT, LB_DRIFT_CRITICAL,
    get_link_failover_mode },
  { "link.seedingMode", N_("Seeding mode"), SOURCE_LINK, COMPARE_TEXT, LB_DRIFT_INFO, get_link_seeding_mode },
};

/* ---- design ------------------------------------------------------------------------------ */

JsonObject *
lb_drift_design_from_state (const LbLinkState     *link,
                            const LbInstanceState *instance)
{
  JsonObject *design = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      const DriftRule *rule = &rules[i];
      g_auto(GStrv) parts = NULL;
      g_autofree char *value = NULL;
      JsonObject *object = design;
      guint last;

      if ((rule->source == SOURCE_LINK && link == NULL) || (rule->source == SOURCE_INSTANCE && instance == NULL)
          || (rule->source == SOURCE_EITHER && link == NULL && instance == NULL))
        continue;
      if ((value = rule->get (link, instance)) == NULL)
        continue;
      /* "link.failoverMode": the members before the last are objects. */
      parts = g_strsplit (rule->key, ".", -1);
      last = g_strv_length (parts) - 1;
      for (guint p = 0; p < last; p++)
        {
          if (!json_object_has_member (object, parts[p]))
            json_object_set_object_member (object, parts[p], json_object_new ());
          object = json_object_get_object_member (object, parts[p]);
        }
      if (rule->compare == COMPARE_AT_LEAST)
        json_object_set_int_member (object, parts[last], g_ascii_strtoll (value, NULL, 10));
      else if (g_str_equal (rule->key, "isGeneralPurposeV2"))
        json_object_set_boolean_member (object, parts[last], g_str_equal (value, "true"));
      else if (rule->compare == COMPARE_DATABASE && strchr (value, ',') != NULL)
        /* A design names the one database the project is about: a link of several is left
         * for the architect to pick. */
        continue;
      else
        json_object_set_string_member (object, parts[last], value);
    }
  return design;
}

/* The member at dotted @key, or NULL. */
static JsonNode *
design_member (JsonObject *design,
               const char *key)
{
  g_auto(GStrv) parts = g_strsplit (key, ".", -1);
  JsonObject *object = design;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (object, parts[i]);

      if (node == NULL)
        return NULL;
      if (parts[i + 1] == NULL)
        return node;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      object = json_node_get_object (node);
    }
  return NULL;
}

/* The design's value as text; NULL when it is missing, null or not a scalar. */
static char *
design_text (JsonObject *design,
             const char *key)
{
  JsonNode *node = design_member (design, key);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return text_or_null (json_node_get_string (node));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) json_node_get_double (node));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  return NULL;
}

/* ---- comparison -------------------------------------------------------------------------- */

static char *
region_key (const char *region)
{
  GString *key = g_string_new (NULL);

  for (const char *c = region; *c != '\0'; c++)
    if (!g_ascii_isspace (*c) && *c != '-')
      g_string_append_c (key, g_ascii_tolower (*c));
  return g_string_free (key, FALSE);
}

static gboolean
database_listed (const char *approved,
                 const char *found)
{
  g_auto(GStrv) names = g_strsplit (found, ", ", -1);

  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (g_strstrip (names[i]), approved) == 0)
      return TRUE;
  return FALSE;
}

static void
difference_free (LbDriftDifference *difference)
{
  g_free (difference->key);
  g_free (difference->label);
  g_free (difference->approved);
  g_free (difference->found);
  g_free (difference);
}

static void
add_difference (LbDriftResult   *result,
                const char      *key,
                const char      *label,
                LbDriftSeverity  severity,
                const char      *approved,
                const char      *found)
{
  LbDriftDifference *difference = g_new0 (LbDriftDifference, 1);

  difference->key = g_strdup (key);
  difference->label = g_strdup (label);
  difference->severity = severity;
  difference->approved = g_strdup (approved);
  difference->found = g_strdup (found);
  g_ptr_array_add (result->differences, difference);
  if (severity == LB_DRIFT_CRITICAL)
    result->n_critical++;
  else if (severity == LB_DRIFT_WARNING)
    result->n_warning++;
  else
    result->n_info++;
}

/* The severity of @found against @approved, or -1 when they agree. */
static int
judge (const DriftRule *rule,
       const char      *approved,
       const char      *found)
{
  switch (rule->compare)
    {
    case COMPARE_TEXT:
      return g_ascii_strcasecmp (approved, found) == 0 ? -1 : (int) rule->severity;
    case COMPARE_REGION:
      {
        g_autofree char *a = region_key (approved);
        g_autofree char *b = region_key (found);

        return g_str_equal (a, b) ? -1 : (int) rule->severity;
      }
    case COMPARE_AT_LEAST:
      {
        gint64 a = g_ascii_strtoll (approved, NULL, 10);
        gint64 b = g_ascii_strtoll (found, NULL, 10);

        return b == a ? -1 : b < a ? (int) rule->severity : LB_DRIFT_INFO;
      }
    case COMPARE_DATABASE:
      return database_listed (approved, found) ? -1 : (int) rule->severity;
    default:
      g_assert_not_reached ();
    }
}

static int
compare_severity (gconstpointer a,
                  gconstpointer b)
{
  const LbDriftDifference *x = *(LbDriftDifference *const *) a;
  const LbDriftDifference *y = *(LbDriftDifference *const *) b;

  return (int) y->severity - (int) x->severity;
}

/* The partner certificate must stay valid for the design's horizon. */
static void
compare_certificate (LbDriftResult     *result,
                     JsonObject        *design,
                     const LbLinkState *link,
                     gint64             now)
{
  g_autofree char *horizon_text = design_text (design, "certificateMinValidityDays");
  gint64 horizon, expires = LB_UNSET_INT;
  g_autofree char *approved = NULL;
  g_autofree char *found = NULL;
  g_autofree char *when = NULL;
  gint64 days_left;

  if (horizon_text == NULL)
    return;
  horizon = g_ascii_strtoll (horizon_text, NULL, 10);
  if (link == NULL)
    return; /* reported with the link's other settings */
  for (guint i = 0; link->databases != NULL && i < link->databases->len; i++)
    {
      const LbLinkDatabase *database = link->databases->pdata[i];

      if (database->cert_expires_at != LB_UNSET_INT && (expires == LB_UNSET_INT || database->cert_expires_at < expires))
        expires = database->cert_expires_at;
    }
  if (expires == LB_UNSET_INT)
    {
      g_ptr_array_add (result->unchecked,
                       g_strdup (_("Certificate validity: the link state does not show the partner certificate")));
      return;
    }
  result->n_compared++;
  days_left = (expires - now) / DAY_MS;
  if (days_left >= horizon)
    return;
  /* TRANSLATORS: the approved certificate horizon, "at least 30 days ahead" */
  approved = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "at least %" G_GINT64_FORMAT " day ahead",
                                           "at least %" G_GINT64_FORMAT " days ahead", (gulong) horizon),
                              horizon);
  when = lb_time_format_local (expires);
  if (expires <= now)
    /* TRANSLATORS: %s is a date and time */
    found = g_strdup_printf (_("expired %s"), when);
  else
    /* TRANSLATORS: "expires 2026-12-20 10:00 (in 18 days)" */
    found = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "expires %s (in %" G_GINT64_FORMAT " day)",
                                          "expires %s (in %" G_GINT64_FORMAT " days)", (gulong) days_left),
                             when, days_left);
  add_difference (result, "certificateMinValidityDays", _("Certificate validity"),
                  expires <= now ? LB_DRIFT_CRITICAL : LB_DRIFT_WARNING, approved, found);
}

static LbDriftResult *
result_new (void)
{
  LbDriftResult *result = g_new0 (LbDriftResult, 1);

  result->differences = g_ptr_array_new_with_free_func ((GDestroyNotify) difference_free);
  result->unchecked = g_ptr_array_new_with_free_func (g_free);
  return result;
}

LbDriftResult *
lb_drift_compare (JsonObject            *design,
                  const LbLinkState     *link,
                  const LbInstanceState *instance,
                  gint64                 now)
{
  LbDriftResult *result;
  gboolean link_missing_noted = FALSE, instance_missing_noted = FALSE;

  g_return_val_if_fail (design != NULL, NULL);

  result = result_new ();
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      const DriftRule *rule = &rules[i];
      g_autofree char *approved = design_text (design, rule->key);
      g_autofree char *found = NULL;
      gboolean available = rule->source == SOURCE_LINK       ? link != NULL
                           : rule->source == SOURCE_INSTANCE ? instance != NULL
                                                             : link != NULL || instance != NULL;
      int severity;

      if (approved == NULL)
        continue;
      if (!available)
        {
          gboolean is_link = rule->source == SOURCE_LINK;
          gboolean *noted = is_link ? &link_missing_noted : &instance_missing_noted;

          if (!*noted)
            g_ptr_array_add (result->unchecked,
                             g_strdup (is_link ? _("The link’s settings: no link state was imported or synced "
                                                   "(az sql mi link show)")
                                               : _("The managed instance’s settings: no instance state was imported "
                                                   "or synced (az sql mi show)")));
          *noted = TRUE;
          continue;
        }
      if ((found = rule->get (link, instance)) == NULL)
        {
          if (rule->compare == COMPARE_DATABASE)
            {
              result->n_compared++;
              add_difference (result, rule->key, _(rule->label), rule->severity, approved, NULL);
            }
          else
            /* TRANSLATORS: "Failover mode: Azure's state does not report it" */
            g_ptr_array_add (result->unchecked, g_strdup_printf (_("%s: Azure’s state does not report it"),
                                                                 _(rule->label)));
          continue;
        }
      result->n_compared++;
      if ((severity = judge (rule, approved, found)) >= 0)
        add_difference (result, rule->key, _(rule->label), severity, approved, found);
    }
  compare_certificate (result, design, link, now);
  g_ptr_array_sort (result->differences, compare_severity); /* stable: design order within a severity */
  return result;
}

const LbLinkState *
lb_drift_find_link (JsonObject            *design,
                    const LbAzureDocument *document)
{
  g_autofree char *name = NULL;
  g_autofree char *database = NULL;

  g_return_val_if_fail (design != NULL && document != NULL, NULL);

  if (document->links == NULL || document->links->len == 0)
    return NULL;
  name = design_text (design, "link.name");
  database = design_text (design, "link.databaseName");
  for (guint i = 0; i < document->links->len; i++)
    {
      const LbLinkState *link = document->links->pdata[i];
      g_autofree char *databases = get_link_databases (link, NULL);

      if ((name != NULL && link->name != NULL && g_ascii_strcasecmp (name, link->name) == 0) ||
          (name == NULL && database != NULL && databases != NULL && database_listed (database, databases)))
        return link;
    }
  /* One link and a design that names none: that is the link. */
  if (document->links->len == 1 && name == NULL && database == NULL)
    return document->links->pdata[0];
  return NULL;
}

int
lb_drift_result_outcome (const LbDriftResult *result)
{
  g_return_val_if_fail (result != NULL, LB_DRIFT_INCOMPLETE);

  if (result->n_critical + result->n_warning > 0)
    return LB_DRIFT_FOUND;
  return result->unchecked->len > 0 ? LB_DRIFT_INCOMPLETE : LB_DRIFT_NONE;
}

/* "Failover mode (approved Manual, found None)" */
static void
append_difference (GString                 *text,
                   const LbDriftDifference *difference)
{
  /* TRANSLATORS: "Failover mode (approved Manual, found None)" */
  g_string_append_printf (text, _("%s (approved %s, found %s)"), difference->label, difference->approved,
                          difference->found != NULL ? difference->found : _("none"));
}

char *
lb_drift_result_summary (const LbDriftResult *result)
{
  GString *text = g_string_new (NULL);
  guint n_drift;

  g_return_val_if_fail (result != NULL, NULL);

  n_drift = result->n_critical + result->n_warning;
  if (n_drift > 0)
    {
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE, "%u difference from the approved design: ",
                                           "%u differences from the approved design: ", n_drift),
                              n_drift);
      for (guint i = 0; i < MIN (n_drift, SUMMARY_MAX_DIFFERENCES); i++)
        {
          if (i > 0)
            g_string_append (text, "; ");
          append_difference (text, result->differences->pdata[i]);
        }
      if (n_drift > SUMMARY_MAX_DIFFERENCES)
        g_string_append_printf (text, _("; and %u more"), n_drift - SUMMARY_MAX_DIFFERENCES);
      g_string_append (text, ".");
      return g_string_free (text, FALSE);
    }
  if (result->unchecked->len > 0)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "No drift in the %u setting compared, but %u could not be checked.",
                                         "No drift in the %u settings compared, but %u could not be checked.",
                                         result->n_compared),
                            result->n_compared, result->unchecked->len);
  else
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE, "No drift: the %u setting compared matches the approved design.",
                                         "No drift: the %u settings compared match the approved design.",
                                         result->n_compared),
                            result->n_compared);
  if (result->n_info > 0)
    {
      g_string_append (text, " ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u note: ", "%u notes: ", result->n_info),
                              result->n_info);
      for (guint i = 0; i < result->differences->len; i++)
        {
          if (i > 0)
            g_string_append (text, "; ");
          append_difference (text, result->differences->pdata[i]);
        }
      g_string_append (text, ".");
    }
  return g_string_free (text, FALSE);
}

/* ---- JSON -------------------------------------------------------------------------------- */

JsonNode *
lb_drift_result_to_json (const LbDriftResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (result != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, RESULT_VERSION);
  json_builder_set_member_name (builder, "compared");
  json_builder_add_int_value (builder, result->n_compared);
  json_builder_set_member_name (builder, "differences");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->differences->len; i++)
    {
      const LbDriftDifference *difference = result->differences->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, difference->key);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, difference->label);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, lb_enum_info_nick (&lb_drift_severity_enum, difference->severity));
      json_builder_set_member_name (builder, "approved");
      json_builder_add_string_value (builder, difference->approved);
      json_builder_set_member_name (builder, "found");
      if (difference->found != NULL)
        json_builder_add_string_value (builder, difference->found);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "unchecked");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->unchecked->len; i++)
    json_builder_add_string_value (builder, result->unchecked->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node)
           : NULL;
}

LbDriftResult *
lb_drift_result_from_json (const char  *json,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LbDriftResult) result = NULL;
  JsonObject *root;
  JsonArray *differences, *unchecked;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto malformed;
  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (root, "version", 0) != RESULT_VERSION ||
      (differences = json_object_get_array_member (root, "differences")) == NULL ||
      (unchecked = json_object_get_array_member (root, "unchecked")) == NULL)
    goto malformed;

  result = result_new ();
  result->n_compared = json_object_get_int_member_with_default (root, "compared", 0);
  for (guint i = 0; i < json_array_get_length (differences); i++)
    {
      JsonNode *node = json_array_get_element (differences, i);
      JsonObject *object;
      const char *key, *label, *approved;
      int severity;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        goto malformed;
      object = json_node_get_object (node);
      key = member_string (object, "key");
      label = member_string (object, "label");
      approved = member_string (object, "approved");
      severity = lb_enum_info_lookup (&lb_drift_severity_enum, member_string (object, "severity"));
      if (key == NULL || label == NULL || approved == NULL || severity == LB_UNSET_ENUM)
        goto malformed;
      add_difference (result, key, label, severity, approved, member_string (object, "found"));
    }
  for (guint i = 0; i < json_array_get_length (unchecked); i++)
    {
      JsonNode *node = json_array_get_element (unchecked, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        goto malformed;
      g_ptr_array_add (result->unchecked, g_strdup (json_node_get_string (node)));
    }
  return g_steal_pointer (&result);

malformed:
  g_set_error_literal (error, LB_ERROR, LB_ERROR_FAILED, _("The stored drift check result is not readable"));
  return NULL;
}

void
lb_drift_result_free (LbDriftResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->differences);
  g_ptr_array_unref (result->unchecked);
  g_free (result);
}
