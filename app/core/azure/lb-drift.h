/* lb-drift.h: the differences between the approved link design and the state Azure
 * reports, each with a severity and both values.
 *
 * The design is the JSON object of a design baseline (see the demo's design_json()):
 * managedInstance, resourceGroup, subscription, region, sku {name, tier, family,
 * capacity}, isGeneralPurposeV2, storageSizeInGb, databaseFormat, licenseType,
 * hybridSecondaryUsage, certificateMinValidityDays and link {name, databaseName,
 * partnerAvailabilityGroupName, instanceAvailabilityGroupName, partnerEndpoint,
 * instanceLinkRole, replicationMode, failoverMode, seedingMode}. Members it leaves out are
 * not compared; members Azure cannot show (targets, network) are ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lb-azure-document.h"
#include "../model/lb-record.h"

G_BEGIN_DECLS

typedef enum
{
  LB_DRIFT_INFO,     /* worth knowing, not a departure (more vCores than approved) */
  LB_DRIFT_WARNING,  /* a departure to review (replication mode, licence, AG name) */
  LB_DRIFT_CRITICAL, /* breaks the plan (failover mode, tier, update policy, endpoint) */
} LbDriftSeverity;

extern const LbEnumInfo lb_drift_severity_enum; /* nicks info, warning, critical */

typedef struct
{
  char            *key;      /* the design member, "link.failoverMode" */
  char            *label;    /* for people, "Failover mode" */
  LbDriftSeverity  severity;
  char            *approved; /* the design's value */
  char            *found;    /* what Azure reports; NULL when it is missing altogether */
} LbDriftDifference;

typedef struct
{
  GPtrArray *differences; /* LbDriftDifference, most severe first, then in design order */
  GPtrArray *unchecked;   /* char *: what could not be compared, and why */
  guint      n_compared;  /* design members compared */
  guint      n_critical, n_warning, n_info;
} LbDriftResult;

/* Compares @design with @link and @instance (either may be NULL: what needs it is then
 * unchecked). @now is when the certificate horizon is measured from. */
LbDriftResult  *lb_drift_compare          (JsonObject            *design,
                                           const LbLinkState     *link,
                                           const LbInstanceState *instance,
                                           gint64                 now);
/* A design with every member the state shows (the approved design recorded from a
 * snapshot): for the architect to review, keep or trim. Either may be NULL. */
JsonObject     *lb_drift_design_from_state (const LbLinkState     *link,
                                            const LbInstanceState *instance);
/* The link of @document that the design is about: the one with the design's link name or
 * database, else the only one. NULL when none matches. */
const LbLinkState *lb_drift_find_link     (JsonObject            *design,
                                           const LbAzureDocument *document);
/* LB_DRIFT_FOUND when a critical or warning difference was found, else
 * LB_DRIFT_INCOMPLETE when something could not be checked, else LB_DRIFT_NONE. */
int             lb_drift_result_outcome   (const LbDriftResult   *result);
/* "No drift: 17 settings match the approved design." / "2 differences: Failover mode
 * (approved Manual, found None); …" */
char           *lb_drift_result_summary   (const LbDriftResult   *result);
JsonNode       *lb_drift_result_to_json   (const LbDriftResult   *result);
/* NULL with an error when @json is not what lb_drift_result_to_json() writes. */
LbDriftResult  *lb_drift_result_from_json (const char            *json,
                                           GError               **error);
void            lb_drift_result_free      (LbDriftResult         *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbDriftResult, lb_drift_result_free)

G_END_DECLS
