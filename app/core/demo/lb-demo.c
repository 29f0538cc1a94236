/* lb-demo.c: the demo portfolio — three case studies and seven more linked databases in
 * three waves, with every kind of record and days of replication-lag samples.
 *
 * The portfolio is described in the static tables below (companies, waves, projects,
 * rehearsals, capacity tests, risks, approvals, costs, evidence) and written by one set of
 * helpers that loop over them. Times are relative to the anchor ("now" of the demo), in
 * each company's local time where people would plan them (rehearsals on evening windows,
 * nightly batches at 01:00). Every random choice comes from GRand streams seeded from the
 * options' seed, never from the clock.
 *
 * The figures follow docs/domain.md: log-rate caps of §5.2, link states of §7 and §3.3,
 * failover steps of §4.2, the cost model of §6. domain.md quotes no prices, so the cost
 * items use the illustrative rates of `rates[]` and say so in their source; there are no
 * price-cache rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../azure/lb-drift-check.h"
#include "../model/lb-error.h"
#include "../model/lb-records.h"
#include "../model/lb-time.h"
#include "../sqlserver/lb-link-probe.h"
#include "../store/lb-lag-writer.h"
#include "../workbench/lb-capacity.h"
#include "../workbench/lb-runbook.h"
#include "lb-demo.h"

#define MINUTE_MS ((gint64) 60000)
#define HOUR_MS (60 * MINUTE_MS)
#define DAY_MS (24 * HOUR_MS)
#define NO_DAY G_MININT
#define MIB 1048576.0
#define MONTH_HOURS 730.0 /* domain.md §6.2: monthly ≈ hourly price × 730 */

/* ---- people and companies ------------------------------------------------------------- */

typedef enum { WHO_OWNER, WHO_ARCHITECT, WHO_DBA, WHO_EXEC, WHO_EXEC2, WHO_APP, WHO_SECURITY, N_WHO } Who;

typedef struct
{
  const char *name;
  const char *domain;
  const char *subscription;
  const char *tenant;
  const char *cost_center;
  const char *currency;
  int         tz_min;         /* local offset from UTC for windows and batches (no DST: demo) */
  gboolean    payg_license;   /* licenseType LicenseIncluded; else Azure Hybrid Benefit */
  const char *people[N_WHO];  /* [WHO_OWNER] is per project */
  const char *roles[N_WHO];
} DemoCompany;

enum { LUMA, PARKVIEW, HELIOGRID, N_COMPANIES };

static const DemoCompany companies[N_COMPANIES] = {
  [LUMA] = {
    "Luma Manufacturing", "luma.example",
    "3f6c1d2a-8b4e-4f7a-9c21-5e0b7d9a4c18", "a41e7b93-2c5d-4e8f-b6a0-91d3c7f25e64",
    "CC-4410 Plant IT", "USD", 60, FALSE,
    { NULL, "Tomasz Nowak", "Aisha Rahman", "Henrik Dahl", "Anja Petersen", "Julia Becker", "Oskar Berg" },
    { "Migration lead", "Lead architect", "DBA", "Chief Operating Officer", "Chief Information Officer",
      "ERP product owner", "Security officer" },
  },
  [PARKVIEW] = {
    "Parkview Insurance", "parkview.example",
    "7b2e9f04-6d1c-4a83-8e57-c30f1b6a2d95", "e9c04a71-5b3f-4d26-a8e1-4f7d20b93c56",
    "CC-2207 Actuarial Systems", "EUR", 0, TRUE,
    { NULL, "Priya Natarajan", "Liam O'Connell", "Sarah Whitfield", "Tom Gallagher", "Marco Rossi", "Nadia Haddad" },
    { "Project owner", "Lead architect", "DBA", "Chief Information Officer", "Chief Actuary",
      "Analytics lead", "Security officer" },
  },
  [HELIOGRID] = {
    "HelioGrid Energy", "heliogrid.example",
    "c58a3e16-0f4b-4c97-b2d8-6a1e95f07b33", "2d7f6b80-9e14-4b5a-8c3d-e05a71c94f28",
    "CC-7100 Grid Operations IT", "EUR", 60, FALSE,
    { NULL, "Rafael Mendes", "Chen Wei", "Katarzyna Zielińska", "Lars Holm", "Samuel Adeyemi", "Freya Lund" },
    { "Project owner", "Lead architect", "DBA", "VP Grid Operations", "Chief Information Officer",
      "Operations applications lead", "Security officer" },
  },
};

/* ---- waves ---------------------------------------------------------------------------- */

enum { W_PILOT, W_CORE, W_ANALYTICS, N_WAVES };

static const struct
{
  const char *name;
  int         start_day;
  int         end_day;
  const char *notes;
} waves[N_WAVES] = {
  [W_PILOT] = { "Wave 1 — Pilot", -45, -4,
                "Low-risk databases first: prove the link, the runbook and the evidence trail before the core systems." },
  [W_CORE] = { "Wave 2 — Core ERP", -30, 21,
               "Plant ERP and the systems around it. Cutovers on Saturday evening windows; two successful rehearsals before go/no-go." },
  [W_ANALYTICS] = { "Wave 3 — Analytics & DR", -14, 75,
                    "Reporting offload and the cloud DR path. DR secondaries stay linked; no cutover." },
};

/* ---- projects ------------------------------------------------------------------------- */

enum
{
  P_LUMA_ERP, P_LUMA_MES, P_LUMA_WMS, P_LUMA_SUPPLIER,
  P_PVW_ACTUARIAL, P_PVW_BROKER, P_PVW_CLAIMS,
  P_HG_GRIDOPS, P_HG_ASSETS, P_HG_OUTAGE,
  N_PROJECTS
};

typedef struct
{
  const char       *key;          /* short name for profiles, tags, resource names */
  const char       *name;
  int               company;
  LbScenario        scenario;
  int               wave;
  LbProjectStatus   status;
  const char       *owner;
  const char       *server;
  int               port;
  const char       *instance;
  const char       *database;
  const char       *version;
  int               major;        /* SQL Server release: 2016, 2019, 2022 */
  const char       *mi;
  const char       *resource_group;
  const char       *region;
  LbTier            tier;
  LbHardware        hardware;
  int               vcores;
  int               storage_gb;
  const char       *endpoint_ip;  /* SQL Server side of the link (partnerEndpoint) */
  double            lag_threshold_s;
  int               downtime_min; /* -1: not a cutover project */
  int               cutover_day;  /* NO_DAY: none planned */
  int               design_day;   /* design baseline approved */
  const char       *design_notes; /* NULL: the generic approval note */
  const char       *controls;     /* the five controls: C clear, P in progress, B blocked, U unknown */
  const char       *prereqs;      /* one letter per prerequisites[] row */
  gboolean          passive_dr;   /* license-free passive DR replica (hybridSecondaryUsage Passive) */
  const char       *notes;
  /* Shape of the lag history. */
  double            gen_mibps;    /* daytime log generation */
  double            batch_mibps;  /* log generation of the nightly batch */
  double            jitter_s;     /* baseline lag */
  double            spike_lo_s;   /* nightly peak lag range */
  double            spike_hi_s;
  double            drain_s;      /* time constant of the catch-up */
  int               incident_min; /* an outage starting this many minutes before the anchor (0: none) */
  int               incident_gap_min;
} DemoProject;

static const DemoProject projects[N_PROJECTS] = {
  [P_LUMA_ERP] = {
    .key = "luma-erp", .name = "Luma Manufacturing — Plant ERP", .company = LUMA,
    .scenario = LB_SCENARIO_MIGRATION, .wave = W_CORE, .status = LB_STATUS_READY, .owner = "Mara Lindqvist",
    .server = "luma-erp-sql01.corp.luma.example", .port = 1433, .database = "PlantERP",
    .version = "SQL Server 2022 CU13 (16.0.4125.3) Enterprise", .major = 2022,
    .mi = "luma-mi-erp-weu", .resource_group = "rg-luma-erp-migration", .region = "westeurope",
    .tier = LB_TIER_BUSINESS_CRITICAL, .hardware = LB_HARDWARE_STANDARD, .vcores = 16, .storage_gb = 1024,
    .endpoint_ip = "10.20.4.11", .lag_threshold_s = 30, .downtime_min = 120, .cutover_day = 6, .design_day = -43,
    .design_notes = "Revised after the failed GP 8 capacity test: Business Critical Gen5, 16 vCores.",
    .controls = "CCCCC", .prereqs = "CCCCCCCCCCC",
    .notes = "Phased migration of the plant ERP without a weekend big bang. The link replicates near real time; "
             "capacity testing found and fixed one I/O bottleneck (GP 8 → BC 16); executives approved the cutover "
             "after two successful rehearsals. Rollback stays possible through failback until the link is removed.",
    .gen_mibps = 6.0, .batch_mibps = 45.0, .jitter_s = 0.8, .spike_lo_s = 10, .spike_hi_s = 20, .drain_s = 200,
  },
  [P_LUMA_MES] = {
    .key = "luma-mes", .name = "Luma Manufacturing — MES Quality", .company = LUMA,
    .scenario = LB_SCENARIO_MIGRATION, .wave = W_CORE, .status = LB_STATUS_CUT_OVER, .owner = "Jonas Weber",
    .server = "luma-mes-sql02.corp.luma.example", .port = 1433, .database = "MESQuality",
    .version = "SQL Server 2019 CU20 (15.0.4312.2) Standard", .major = 2019,
    .mi = "luma-mi-mes-weu", .resource_group = "rg-luma-erp-migration", .region = "westeurope",
    .tier = LB_TIER_GENERAL_PURPOSE, .hardware = LB_HARDWARE_STANDARD, .vcores = 8, .storage_gb = 512,
    .endpoint_ip = "10.20.4.27", .lag_threshold_s = 30, .downtime_min = 90, .cutover_day = -2, .design_day = -58,
    .controls = "CCCCC", .prereqs = "CCCCCCCCCCC",
    .notes = "Quality records of the plant MES. SQL Server 2019 links are one-way: the cutover removed the link, "
             "and rollback meant keeping the source database untouched until sign-off.",
    .gen_mibps = 1.8, .batch_mibps = 14.0, .jitter_s = 0.6, .spike_lo_s = 15, .spike_hi_s = 45, .drain_s = 180,
  },
  [P_LUMA_WMS] = {
    .key = "luma-wms", .name = "Luma Manufacturing — Warehouse WMS", .company = LUMA,
    .scenario = LB_SCENARIO_MIGRATION, .wave = W_CORE, .status = LB_STATUS_REPLICATING, .owner = "Jonas Weber",
    .server = "luma-wms-sql01.corp.luma.example", .port = 14331, .instance = "WMS", .database = "WarehouseWMS",
    .version = "SQL Server 2022 CU13 (16.0.4125.3) Standard", .major = 2022,
    .mi = "luma-mi-wms-weu", .resource_group = "rg-luma-erp-migration", .region = "westeurope",
    .tier = LB_TIER_GENERAL_PURPOSE, .hardware = LB_HARDWARE_PREMIUM, .vcores = 8, .storage_gb = 256,
    .endpoint_ip = "10.20.6.14", .lag_threshold_s = 30, .downtime_min = 60, .cutover_day = 19, .design_day = -27,
    .controls = "CCPCP", .prereqs = "CCCCCCCCCPC",
    .notes = "Warehouse management for the two distribution centres. Nightly inventory rebuild pushes the lag past "
             "the threshold; a VPN renegotiation cut the link for 25 minutes this week.",
    .gen_mibps = 2.5, .batch_mibps = 22.0, .jitter_s = 0.9, .spike_lo_s = 25, .spike_hi_s = 70, .drain_s = 260,
    .incident_min = 4 * 24 * 60 + 190, .incident_gap_min = 25,
  },
  [P_LUMA_SUPPLIER] = {
    .key = "luma-supplier", .name = "Luma Manufacturing — Supplier Portal", .company = LUMA,
    .scenario = LB_SCENARIO_MIGRATION, .wave = W_PILOT, .status = LB_STATUS_CUT_OVER, .owner = "Mara Lindqvist",
    .server = "luma-web-sql03.corp.luma.example", .port = 1433, .database = "SupplierPortal",
    .version = "SQL Server 2022 CU13 (16.0.4125.3) Standard", .major = 2022,
    .mi = "luma-mi-apps-weu", .resource_group = "rg-luma-apps", .region = "westeurope",
    .tier = LB_TIER_GENERAL_PURPOSE, .hardware = LB_HARDWARE_STANDARD, .vcores = 4, .storage_gb = 128,
    .endpoint_ip = "10.20.8.5", .lag_threshold_s = 30, .downtime_min = 60, .cutover_day = -33, .design_day = -52,
    .controls = "CCCCC", .prereqs = "CCCCCCCCCCC",
    .notes = "Pilot of the programme: proved the link, the runbook and the evidence trail. Cut over in 33 minutes.",
    .gen_mibps = 0.6, .batch_mibps = 5.0, .jitter_s = 0.5, .spike_lo_s = 8, .spike_hi_s = 20, .drain_s = 120,
  },
  [P_PVW_ACTUARIAL] = {
    .key = "pvw-actuarial", .name = "Parkview Insurance — Actuarial Reporting", .company = PARKVIEW,
    .scenario = LB_SCENARIO_REPORTING_OFFLOAD, .wave = W_ANALYTICS, .status = LB_STATUS_REPLICATING,
    .owner = "Daniel Okafor",
    .server = "pvw-sql-prod03.parkview.example", .port = 1433, .instance = "POLICY", .database = "PolicyAdmin",
    .version = "SQL Server 2019 CU20 (15.0.4312.2) Enterprise", .major = 2019,
    .mi = "pvw-mi-reporting-neu", .resource_group = "rg-pvw-reporting", .region = "northeurope",
    .tier = LB_TIER_NEXT_GEN_GENERAL_PURPOSE, .hardware = LB_HARDWARE_PREMIUM, .vcores = 16, .storage_gb = 2048,
    .endpoint_ip = "10.41.2.30", .lag_threshold_s = 60, .downtime_min = -1, .cutover_day = NO_DAY, .design_day = -40,
    .controls = "CCCCC", .prereqs = "CCCCCCCCCCC",
    .notes = "Actuarial reports read the replica on the managed instance instead of the transactional primary. "
             "No application rewrite in phase one; replication status visible to the database and analytics teams.",
    .gen_mibps = 4.0, .batch_mibps = 30.0, .jitter_s = 1.1, .spike_lo_s = 40, .spike_hi_s = 120, .drain_s = 300,
  },
  [P_PVW_BROKER] = {
    .key = "pvw-broker", .name = "Parkview Insurance — Broker Portal", .company = PARKVIEW,
    .scenario = LB_SCENARIO_MIGRATION, .wave = W_PILOT, .status = LB_STATUS_ROLLED_BACK, .owner = "Elena Vasquez",
    .server = "pvw-web-sql01.parkview.example", .port = 1433, .database = "BrokerPortal",
    .version = "SQL Server 2022 CU13 (16.0.4125.3) Standard", .major = 2022,
    .mi = "pvw-mi-apps-neu", .resource_group = "rg-pvw-apps", .region = "northeurope",
    .tier = LB_TIER_GENERAL_PURPOSE, .hardware = LB_HARDWARE_STANDARD, .vcores = 4, .storage_gb = 256,
    .endpoint_ip = "10.41.5.12", .lag_threshold_s = 30, .downtime_min = 60, .cutover_day = 24, .design_day = -35,
    .controls = "CBCCC", .prereqs = "CCCCCCCCCCC",
    .notes = "Cutover failed application validation (an undocumented linked server) and was rolled back inside the "
             "window by failing back through the link; no data lost. Replicating again until a new rehearsal passes.",
    .gen_mibps = 0.9, .batch_mibps = 8.0, .jitter_s = 0.7, .spike_lo_s = 20, .spike_hi_s = 50, .drain_s = 150,
    .incident_min = 6 * 24 * 60 + 130, .incident_gap_min = 25,
  },
  [P_PVW_CLAIMS] = {
    .key = "pvw-claims", .name = "Parkview Insurance — Claims Archive", .company = PARKVIEW,
    .scenario = LB_SCENARIO_MIGRATION, .wave = W_ANALYTICS, .status = LB_STATUS_PLANNING, .owner = "Daniel Okafor",
    .server = "pvw-sql-arch01.parkview.example", .port = 1433, .database = "ClaimsArchive",
    .version = "SQL Server 2016 SP3 (13.0.6300.2) Enterprise", .major = 2016,
    .mi = "pvw-mi-reporting-neu", .resource_group = "rg-pvw-reporting", .region = "northeurope",
    .tier = LB_TIER_GENERAL_PURPOSE, .hardware = LB_HARDWARE_STANDARD, .vcores = 8, .storage_gb = 4096,
    .endpoint_ip = "10.41.2.44", .lag_threshold_s = 120, .downtime_min = 240, .cutover_day = 60, .design_day = NO_DAY,
    .controls = "PUUUU", .prereqs = "BCCCUUUCCUU",
    .notes = "Closed claims since 2009. SQL Server 2016 needs the Azure Connect pack before a link can be created.",
  },
  [P_HG_GRIDOPS] = {
    .key = "hg-gridops", .name = "HelioGrid Energy — Grid Ops DR", .company = HELIOGRID,
    .scenario = LB_SCENARIO_DISASTER_RECOVERY, .wave = W_ANALYTICS, .status = LB_STATUS_DR_STANDBY,
    .owner = "Ingrid Solberg",
    .server = "hg-ops-sql01.grid.heliogrid.example", .port = 1433, .database = "GridOps",
    .version = "SQL Server 2022 CU13 (16.0.4125.3) Enterprise", .major = 2022,
    .mi = "hg-mi-dr-swc", .resource_group = "rg-hg-dr", .region = "swedencentral",
    .tier = LB_TIER_GENERAL_PURPOSE, .hardware = LB_HARDWARE_PREMIUM, .vcores = 16, .storage_gb = 2048,
    .endpoint_ip = "10.60.1.21", .lag_threshold_s = 30, .downtime_min = 120, .cutover_day = NO_DAY, .design_day = -48,
    .controls = "CCCCC", .prereqs = "CCCCCCCCCCC", .passive_dr = TRUE,
    .notes = "Cloud DR path for the grid operations database: recovery moved from backup-only to active replication "
             "over the site-to-site VPN. Planned failover drills stay under the two-hour target with no data loss.",
    .gen_mibps = 3.2, .batch_mibps = 28.0, .jitter_s = 0.5, .spike_lo_s = 12, .spike_hi_s = 35, .drain_s = 180,
    .incident_min = 19 * 60, .incident_gap_min = 25,
  },
  [P_HG_ASSETS] = {
    .key = "hg-assets", .name = "HelioGrid Energy — Asset Registry", .company = HELIOGRID,
    .scenario = LB_SCENARIO_MIGRATION, .wave = W_CORE, .status = LB_STATUS_REHEARSING, .owner = "Björn Ekström",
    .server = "hg-asset-sql02.grid.heliogrid.example", .port = 1433, .database = "AssetRegistry",
    .version = "SQL Server 2022 CU13 (16.0.4125.3) Standard", .major = 2022,
    .mi = "hg-mi-apps-swc", .resource_group = "rg-hg-apps", .region = "swedencentral",
    .tier = LB_TIER_GENERAL_PURPOSE, .hardware = LB_HARDWARE_PREMIUM, .vcores = 8, .storage_gb = 512,
    .endpoint_ip = "10.60.3.8", .lag_threshold_s = 30, .downtime_min = 120, .cutover_day = 13, .design_day = -30,
    .controls = "CCCCP", .prereqs = "CCCCCCCCCCC",
    .notes = "Substation and line asset register. First planned failover drill passed; the first cutover rehearsal "
             "is booked.",
    .gen_mibps = 1.5, .batch_mibps = 12.0, .jitter_s = 0.7, .spike_lo_s = 15, .spike_hi_s = 40, .drain_s = 160,
  },
  [P_HG_OUTAGE] = {
    .key = "hg-outage", .name = "HelioGrid Energy — Outage Analytics", .company = HELIOGRID,
    .scenario = LB_SCENARIO_REPORTING_OFFLOAD, .wave = W_ANALYTICS, .status = LB_STATUS_SEEDING, .owner = "Chen Wei",
    .server = "hg-ops-sql01.grid.heliogrid.example", .port = 1433, .database = "OutageAnalytics",
    .version = "SQL Server 2022 CU13 (16.0.4125.3) Enterprise", .major = 2022,
    .mi = "hg-mi-analytics-swc", .resource_group = "rg-hg-analytics", .region = "swedencentral",
    .tier = LB_TIER_NEXT_GEN_GENERAL_PURPOSE, .hardware = LB_HARDWARE_PREMIUM, .vcores = 8, .storage_gb = 1536,
    .endpoint_ip = "10.60.1.21", .lag_threshold_s = 120, .downtime_min = -1, .cutover_day = NO_DAY, .design_day = -12,
    .controls = "CPPUU", .prereqs = "CCCCCCCCCCC",
    .notes = "Outage history for the analytics team. Initial seeding of 1.1 TB over the VPN is running; log backups "
             "are paused until seeding completes.",
  },
};

/* Designs approved earlier and superseded by the project's current one. */
static const struct
{
  int         project;
  int         day;
  LbTier      tier;
  LbHardware  hardware;
  int         vcores;
  const char *notes;
} superseded_designs[] = {
  { P_LUMA_ERP, -62, LB_TIER_GENERAL_PURPOSE, LB_HARDWARE_STANDARD, 8,
    "Initial design: General Purpose Gen5, 8 vCores, asynchronous link, manual failover." },
};

/* Statuses after which the link has replicated (and so has lag history). */
static gboolean
status_has_lag (LbProjectStatus status)
{
  return status != LB_STATUS_PLANNING && status != LB_STATUS_SEEDING;
}

/* ---- readiness ------------------------------------------------------------------------ */

static const struct
{
  const char *title;
  Who         who;
  const char *note;
} controls[5] = {
  [LB_CONTROL_OWNER] = { "Owner named and reachable", WHO_OWNER,
                         "{owner} owns the link and the cutover decision; escalation through the {company} DBA on-call ({dba})." },
  [LB_CONTROL_DEPENDENCIES] = { "Dependencies mapped", WHO_APP,
                                "Applications, Agent jobs, logins, linked servers and reports that use {db} are listed and have a plan on the managed instance." },
  [LB_CONTROL_PERMISSION_BOUNDARY] = { "Permission boundary approved", WHO_SECURITY,
                                       "SQL Managed Instance Contributor scoped to {rg}; sysadmin on {server} only for the link setup account; approved by {security}." },
  [LB_CONTROL_MONITORING_SIGNAL] = { "Monitoring signal in place", WHO_DBA,
                                     "Lag from sys.dm_hadr_database_replica_states every 15 s with an alert above {threshold} s; Azure Monitor alert on the link's replicaState." },
  [LB_CONTROL_ROLLBACK_EVIDENCE] = { "Rollback path evidenced", WHO_ARCHITECT, "{rollback}" },
};

/* domain.md §1: technical prerequisites of a link. */
enum { PRE_BUILD, PRE_HADR, PRE_DMK, PRE_BACKUP, PRE_ENDPOINT, PRE_CERTS, PRE_NETWORK, PRE_FEATURES, PRE_POLICY,
       PRE_TRACE_FLAGS, PRE_MI, N_PREREQS };

/* The items the probe also checks take its titles (lb_link_probe_check_title), so that a
 * probe of a demo project updates them instead of adding look-alikes. */
static const struct
{
  const char *title; /* NULL: the probe check's */
  int         probe_check;
  const char *note;
} prerequisites[N_PREREQS] = {
  [PRE_BUILD] = { NULL, LB_PROBE_CHECK_BUILD,
                  "{version}. Minimums: SQL Server 2022 RTM (CU13 to fail over with T-SQL), 2019 CU20, 2017 CU31 or 2016 SP3 with the matching Azure Connect pack." },
  [PRE_HADR] = { NULL, LB_PROBE_CHECK_HADR, "SERVERPROPERTY('IsHadrEnabled') = 1 and HadrManagerStatus = 1 on {server}." },
  [PRE_DMK] = { NULL, LB_PROBE_CHECK_DMK, "##MS_DatabaseMasterKey## present in master.sys.symmetric_keys." },
  [PRE_BACKUP] = { NULL, LB_PROBE_CHECK_BACKUP,
                   "{db} uses FULL recovery; a non-copy-only full backup with checksum is in msdb.dbo.backupset." },
  [PRE_ENDPOINT] = { NULL, LB_PROBE_CHECK_ENDPOINT,
                     "sys.database_mirroring_endpoints: STARTED, role ALL, CERTIFICATE, encryption AES; certificate expiry checked." },
  [PRE_CERTS] = { NULL, LB_PROBE_CHECK_CERTIFICATES,
                  "MI certificate imported under the name {fqdn}; MicrosoftPKI and DigiCertPKI registered for *.database.windows.net." },
  [PRE_NETWORK] = { "Network paths open for the link", -1,
                    "5022 and 11000–11999 open between {server} and the MI subnet in both directions, ICMP allowed; tested with tnc from a SQL Agent job." },
  [PRE_FEATURES] = { NULL, LB_PROBE_CHECK_FEATURES, "{db} has one log file and no FILESTREAM, FileTable or memory-optimized filegroup." },
  [PRE_POLICY] = { "Managed instance update policy", -1, "{policy}" },
  [PRE_TRACE_FLAGS] = { NULL, LB_PROBE_CHECK_TRACE_FLAGS, "Global startup flags on {server}; TF 12381 only while seeding." },
  [PRE_MI] = { "Managed instance ready for the link", -1, "{mi} is not in a failover group and has room for {db} ({storage} GB reserved)." },
};

/* Notes that replace the generic ones for a project's item. */
static const struct
{
  int         project;
  gboolean    control;
  int         index;
  const char *note;
} readiness_notes[] = {
  { P_PVW_BROKER, TRUE, LB_CONTROL_DEPENDENCIES,
    "Blocked: the failed cutover found a linked server to DOCSRV01 (document store) that relies on Kerberos delegation "
    "and is not reachable from the managed instance. The portal team is replacing it with the document API." },
  { P_HG_GRIDOPS, TRUE, LB_CONTROL_MONITORING_SIGNAL,
    "DBA monitoring checklist covers every linked database: lag every 15 s, replicaState alert, send and redo queue "
    "trend, certificate expiry, log reuse wait. Two DBAs trained on link monitoring and cutover evidence." },
  { P_HG_ASSETS, TRUE, LB_CONTROL_ROLLBACK_EVIDENCE,
    "Failback through the link worked in the planned failover drill; evidence from the first cutover rehearsal still to come." },
  { P_LUMA_WMS, TRUE, LB_CONTROL_PERMISSION_BOUNDARY,
    "Awaiting security sign-off: the link setup account still holds sysadmin on the WMS instance after the network test." },
  { P_LUMA_WMS, TRUE, LB_CONTROL_ROLLBACK_EVIDENCE, "No rehearsal yet; failback planned in the first cutover rehearsal." },
  { P_LUMA_WMS, FALSE, PRE_TRACE_FLAGS, "TF 9567 is set; TF 1800 waits for the next restart window of the WMS instance." },
  { P_PVW_CLAIMS, FALSE, PRE_BUILD,
    "Blocked: 13.0.6300.2 lacks the Azure Connect pack (sys.sp_certificate_add_issuer is missing). Install the pack "
    "(13.0.7000.253); later GDR builds are numerically higher but do not contain it." },
  { P_PVW_CLAIMS, TRUE, LB_CONTROL_OWNER, "Business owner for the archive still to be confirmed by the claims department." },
  { P_HG_OUTAGE, TRUE, LB_CONTROL_DEPENDENCIES, "Report inventory in progress with the analytics team." },
  { P_HG_OUTAGE, TRUE, LB_CONTROL_PERMISSION_BOUNDARY, "Read access for analysts on the replica under review." },
};

/* ---- rehearsals ----------------------------------------------------------------------- */

typedef enum
{
  STEP_STOP        = 1 << 0, /* workload stops: downtime starts */
  STEP_SYNC        = 1 << 1, /* link switched to synchronous commit */
  STEP_LSN         = 1 << 2, /* hardened LSNs compared */
  STEP_FAILOVER    = 1 << 3,
  STEP_VALIDATE    = 1 << 4, /* application back in service on the MI: downtime ends */
  STEP_FAILBACK    = 1 << 5, /* back on SQL Server, link asynchronous again */
  STEP_CONTINGENCY = 1 << 6, /* only when an earlier step failed */
  STEP_LINK_GONE   = 1 << 7, /* the link no longer exists from this step on */
} StepFlags;

typedef struct
{
  const char *name;
  const char *notes;
  guint       flags;
} DemoStep;

#define MAX_STEPS 10

typedef struct
{
  const DemoStep *steps;
  int             n_steps;
} DemoPlan;

/* domain.md §4.2, shared steps. */
#define STEP_PRECHECK \
  { "Pre-check: link healthy and connected", \
    "Link HEALTHY and CONNECTED, no seeding running, the managed instance has taken its first backups; az sql mi show matches the approved design.", 0 }
#define STEP_STOP_WORKLOAD \
  { "Stop the workload on the SQL Server primary", \
    "Application services stopped and {db} set to RESTRICTED_USER; sys.dm_exec_sessions shows no user sessions.", STEP_STOP }
#define STEP_SWITCH_SYNC \
  { "Switch the link to synchronous commit", \
    "ALTER AVAILABILITY GROUP [{link}] MODIFY … SYNCHRONOUS_COMMIT on SQL Server and az sql mi link update --replication-mode Sync on {mi}.", STEP_SYNC }
#define STEP_WAIT_LSN \
  { "Wait for matching hardened LSNs", \
    "last_hardened_lsn on SQL Server and lastHardenedLsn on {mi} equal and unchanged over three polls.", STEP_LSN }
#define STEP_REPOINT \
  { "Repoint connection strings to the managed instance", \
    "Connection strings and DNS alias changed to {fqdn}; there is no automatic redirection.", 0 }

static const DemoStep plan_rehearsal[] = {
  STEP_PRECHECK, STEP_STOP_WORKLOAD, STEP_SWITCH_SYNC, STEP_WAIT_LSN,
  { "Planned failover to the managed instance", "az sql mi link failover --failover-type Planned; instanceLinkRole Primary on {mi}.", STEP_FAILOVER },
  STEP_REPOINT,
  { "Validate the application on the managed instance", "Smoke tests and key business transactions run by {app}'s team.", STEP_VALIDATE },
  { "Fail back to SQL Server and return the link to asynchronous",
    "Planned failover back to {server}, connection strings restored, replication mode Async again.", STEP_FAILBACK },
};

static const DemoStep plan_drill[] = {
  STEP_PRECHECK, STEP_STOP_WORKLOAD, STEP_SWITCH_SYNC, STEP_WAIT_LSN,
  { "Planned failover to the managed instance", "Planned failover from SQL Server (ALTER AVAILABILITY GROUP [{link}] FAILOVER).", STEP_FAILOVER },
  { "Check the roles on both sides", "Role query on both sides: exactly one PRIMARY, no split brain.", 0 },
  { "Validate reads and writes on the managed instance", "Operations test transactions against {fqdn}.", STEP_VALIDATE },
  { "Fail back to SQL Server and return the link to asynchronous",
    "Planned failover back to {server}; replication mode Async; lag back under {threshold} s.", STEP_FAILBACK },
};

static const DemoStep plan_cutover[] = {
  STEP_PRECHECK, STEP_STOP_WORKLOAD, STEP_SWITCH_SYNC, STEP_WAIT_LSN,
  { "Planned failover to the managed instance", "az sql mi link failover --failover-type Planned; the link stays until the first backup.", STEP_FAILOVER },
  STEP_REPOINT,
  { "Validate the application on the managed instance", "Smoke tests and business sign-off by {app}.", STEP_VALIDATE },
  { "Wait for the managed instance's first full backup",
    "Newest type D backup in msdb.dbo.backupset on {mi} finished after the failover; dropping the link earlier can leave the database unavailable after a restart.", 0 },
  { "Remove the link", "az sql mi link delete and DROP AVAILABILITY GROUP [{link}] on SQL Server; source database kept read-only.", STEP_LINK_GONE },
  { "Roll back: fail back to SQL Server", "Contingency: planned failover back to {server} and connection strings restored.",
    STEP_FAILBACK | STEP_CONTINGENCY },
};

static const DemoStep plan_cutover_oneway[] = {
  STEP_PRECHECK, STEP_STOP_WORKLOAD, STEP_SWITCH_SYNC, STEP_WAIT_LSN,
  { "Fail over by removing the link", "SQL Server 2019 links are one-way: Remove-AzSqlInstanceLink, then DROP AVAILABILITY GROUP [{link}] on SQL Server.",
    STEP_FAILOVER | STEP_LINK_GONE },
  STEP_REPOINT,
  { "Validate the application on the managed instance", "Smoke tests and quality sign-off by {app}.", STEP_VALIDATE },
  { "Recreate logins and Agent jobs on the managed instance", "Server objects are not replicated by the link.", 0 },
};

enum { PLAN_REHEARSAL, PLAN_DRILL, PLAN_CUTOVER, PLAN_CUTOVER_ONEWAY };

static const DemoPlan plans[] = {
  [PLAN_REHEARSAL] = { plan_rehearsal, G_N_ELEMENTS (plan_rehearsal) },
  [PLAN_DRILL] = { plan_drill, G_N_ELEMENTS (plan_drill) },
  [PLAN_CUTOVER] = { plan_cutover, G_N_ELEMENTS (plan_cutover) },
  [PLAN_CUTOVER_ONEWAY] = { plan_cutover_oneway, G_N_ELEMENTS (plan_cutover_oneway) },
};

typedef struct
{
  int             project;
  LbRehearsalKind kind;
  int             plan;
  const char     *title;
  int             day;
  int             hh;
  int             mm;
  double          lag_at_start_s;
  int             minutes[MAX_STEPS]; /* per executed step */
  LbOutcome       outcome;            /* success, failed or planned */
  int             failed_step;        /* with LB_OUTCOME_FAILED */
  gboolean        on_link;            /* ran on the production link (shapes its lag history) */
  const char     *notes;
} DemoRehearsal;

static const DemoRehearsal rehearsals[] = {
  { P_LUMA_ERP, LB_REHEARSAL_PLANNED_FAILOVER, PLAN_DRILL, "Planned failover drill", -38, 20, 0, 1.1,
    { 10, 7, 4, 12, 16, 5, 15, 22 }, LB_OUTCOME_SUCCESS, -1, TRUE,
    "First failover through the link: roles reversed and back without data loss. Showed that the ERP batch "
    "scheduler must be paused before the workload stop." },
  { P_LUMA_ERP, LB_REHEARSAL_CUTOVER, PLAN_REHEARSAL, "Cutover rehearsal 1", -20, 19, 30, 0.9,
    { 12, 9, 4, 16, 19, 21, 27, 24 }, LB_OUTCOME_SUCCESS, -1, TRUE,
    "96 minutes against the 120-minute target. Repointing took 21 minutes: three plant-floor terminals had the "
    "server name hard-coded. Fixed with a DNS alias before rehearsal 2." },
  { P_LUMA_ERP, LB_REHEARSAL_CUTOVER, PLAN_REHEARSAL, "Cutover rehearsal 2 (final)", -3, 19, 30, 0.8,
    { 8, 6, 3, 9, 14, 12, 29, 19 }, LB_OUTCOME_SUCCESS, -1, TRUE,
    "73 minutes against the 120-minute target, no data loss. The DNS alias cut repointing to 12 minutes. "
    "Runbook frozen for the production cutover." },
  { P_LUMA_MES, LB_REHEARSAL_CUTOVER, PLAN_CUTOVER_ONEWAY, "Cutover rehearsal on a staging copy", -16, 19, 0, 0.7,
    { 10, 5, 3, 8, 6, 14, 22, 18 }, LB_OUTCOME_SUCCESS, -1, FALSE,
    "Run on a staging copy with its own link: a SQL Server 2019 failover removes the link, so the production link "
    "was left alone." },
  { P_LUMA_MES, LB_REHEARSAL_CUTOVER, PLAN_CUTOVER_ONEWAY, "Production cutover", -2, 19, 0, 0.6,
    { 9, 5, 2, 7, 5, 11, 19, 16 }, LB_OUTCOME_SUCCESS, -1, TRUE,
    "Production cutover in 49 minutes, no data loss. Source database set read-only and kept for 30 days." },
  { P_LUMA_SUPPLIER, LB_REHEARSAL_CUTOVER, PLAN_REHEARSAL, "Cutover rehearsal", -40, 20, 0, 0.6,
    { 6, 5, 2, 5, 8, 7, 11, 10 }, LB_OUTCOME_SUCCESS, -1, TRUE, "Pilot rehearsal; evidence template agreed with audit." },
  { P_LUMA_SUPPLIER, LB_REHEARSAL_CUTOVER, PLAN_CUTOVER, "Production cutover", -33, 20, 0, 0.5,
    { 6, 4, 2, 5, 7, 6, 9, 35, 4, 0 }, LB_OUTCOME_SUCCESS, -1, TRUE,
    "Cut over in 33 minutes; link removed after the managed instance's first full backup." },
  { P_PVW_BROKER, LB_REHEARSAL_CUTOVER, PLAN_REHEARSAL, "Cutover rehearsal", -19, 21, 0, 0.7,
    { 7, 5, 3, 6, 9, 10, 16, 12 }, LB_OUTCOME_SUCCESS, -1, TRUE,
    "Passed with test brokers only; document downloads were not part of the smoke tests." },
  { P_PVW_BROKER, LB_REHEARSAL_CUTOVER, PLAN_CUTOVER, "Production cutover", -5, 20, 0, 1.4,
    { 8, 6, 3, 8, 10, 11, 34, 0, 0, 27 }, LB_OUTCOME_FAILED, 6, TRUE,
    "Application validation failed: policy documents could not be opened because the portal reads them through a "
    "linked server to DOCSRV01 with Kerberos delegation. Rolled back by failing back through the link; no data lost, "
    "but 99 minutes of downtime against a 60-minute target." },
  { P_HG_GRIDOPS, LB_REHEARSAL_PLANNED_FAILOVER, PLAN_DRILL, "Planned failover drill (stop-workload procedure)", -26, 21,
    0, 0.5, { 9, 8, 3, 7, 11, 6, 14, 18 }, LB_OUTCOME_SUCCESS, -1, TRUE,
    "Stop-workload procedure written with the control room; no data loss." },
  { P_HG_GRIDOPS, LB_REHEARSAL_DR_DRILL, PLAN_DRILL, "DR drill: grid operations on Azure", -4, 20, 0, 0.6,
    { 10, 9, 4, 11, 15, 8, 37, 21 }, LB_OUTCOME_SUCCESS, -1, TRUE,
    "Incident-command scenario: operations ran on the managed instance for 37 minutes. 84 minutes of downtime "
    "against the two-hour target, no data loss. Forced failover deliberately not drilled." },
  { P_HG_ASSETS, LB_REHEARSAL_PLANNED_FAILOVER, PLAN_DRILL, "Planned failover drill", -6, 21, 0, 0.9,
    { 8, 6, 3, 7, 9, 5, 17, 14 }, LB_OUTCOME_SUCCESS, -1, TRUE, "No data loss; failback clean." },
  { P_HG_ASSETS, LB_REHEARSAL_CUTOVER, PLAN_REHEARSAL, "Cutover rehearsal 1", 5, 20, 0, NAN,
    { 0 }, LB_OUTCOME_PLANNED, -1, TRUE, "Booked with the operations applications team." },
};

/* ---- capacity tests ------------------------------------------------------------------- */

typedef struct
{
  int              project;
  int              day;
  LbCapacityMethod method;
  LbTier           tier;
  LbHardware       hardware;
  int              vcores;
  int              storage_gb;
  int              duration_min;
  double           peak;
  double           p95;
  double           cpu;
  double           iops;
  double           throughput;
  double           latency;
  int              verdict; /* -1: from the log rate against the cap */
  const char      *findings;
  const char      *fix;
} DemoCapacity;

static const DemoCapacity capacity_tests[] = {
  { P_LUMA_ERP, -55, LB_CAPACITY_WORKLOAD_REPLAY, LB_TIER_GENERAL_PURPOSE, LB_HARDWARE_STANDARD, 8, 1024, 240,
    58.3, 41.0, 71, 11800, 212, 8.7, -1,
    "I/O bottleneck: the replayed nightly MRP run and index maintenance hit the log-rate governor "
    "(INSTANCE_LOG_RATE_GOVERNOR and WRITELOG waits dominate). The redo queue on the managed instance grew to 9.6 GB "
    "and lag reached 7 minutes; log and data file latency 8–9 ms on remote storage.",
    "Business Critical Gen5 with 16 vCores: 72 MiB/s log-rate cap (4.5 MiB/s × 16) and local SSD at 1–2 ms. "
    "Re-test with the same trace." },
  { P_LUMA_ERP, -44, LB_CAPACITY_WORKLOAD_REPLAY, LB_TIER_BUSINESS_CRITICAL, LB_HARDWARE_STANDARD, 16, 1024, 240,
    58.9, 41.3, 46, 14200, 236, 1.6, -1,
    "Same trace as the failed General Purpose test. No log-rate governor waits; the redo queue drained to zero within "
    "two minutes after each batch and lag peaked at 19 s.", NULL },
  { P_LUMA_MES, -50, LB_CAPACITY_PRODUCTION_SAMPLING, LB_TIER_GENERAL_PURPOSE, LB_HARDWARE_STANDARD, 8, 512, 10080,
    14.2, 6.8, 38, 2100, 64, 6.1, -1, "Seven days of production sampling including the weekly quality report run.", NULL },
  { P_LUMA_WMS, -25, LB_CAPACITY_BENCHMARK, LB_TIER_GENERAL_PURPOSE, LB_HARDWARE_PREMIUM, 8, 256, 180,
    29.5, 17.9, 52, 4300, 118, 6.8, -1,
    "Inventory rebuild benchmark. Within the cap, but the link needs several minutes to drain after each rebuild.", NULL },
  { P_LUMA_SUPPLIER, -48, LB_CAPACITY_PRODUCTION_SAMPLING, LB_TIER_GENERAL_PURPOSE, LB_HARDWARE_STANDARD, 4, 128, 10080,
    3.1, 1.4, 21, 650, 18, 5.2, -1, "Light web workload.", NULL },
  { P_PVW_ACTUARIAL, -30, LB_CAPACITY_PRODUCTION_SAMPLING, LB_TIER_NEXT_GEN_GENERAL_PURPOSE, LB_HARDWARE_PREMIUM, 16,
    2048, 20160, 44.0, 23.5, 61, 18500, 310, 3.4, -1,
    "Two weeks of October sampling, the start of renewal season: renewal batches triple log generation between "
    "22:00 and 03:00. IOPS within the Next-gen GP 16-vCore cap of 25,600.", NULL },
  { P_PVW_BROKER, -28, LB_CAPACITY_PRODUCTION_SAMPLING, LB_TIER_GENERAL_PURPOSE, LB_HARDWARE_STANDARD, 4, 256, 10080,
    6.2, 2.9, 33, 900, 24, 5.9, -1, "Small OLTP workload; document blobs live outside the database.", NULL },
  { P_PVW_CLAIMS, -3, LB_CAPACITY_PRODUCTION_SAMPLING, LB_TIER_GENERAL_PURPOSE, LB_HARDWARE_STANDARD, 8, 4096, 2880,
    21.0, 9.7, 22, 3100, 95, 7.4, LB_VERDICT_INCONCLUSIVE,
    "Sampling covered two quiet days; the month-end archive job was not captured.",
    "Repeat the sampling across a month end." },
  { P_HG_GRIDOPS, -34, LB_CAPACITY_WORKLOAD_REPLAY, LB_TIER_GENERAL_PURPOSE, LB_HARDWARE_PREMIUM, 16, 2048, 360,
    33.8, 18.4, 49, 9600, 160, 5.6, -1,
    "Control-room replay including the 01:00 settlement batch. The DR secondary matches the primary's capacity "
    "(CPU, memory, I/O) so it keeps up and can take over.", NULL },
  { P_HG_ASSETS, -20, LB_CAPACITY_PRODUCTION_SAMPLING, LB_TIER_GENERAL_PURPOSE, LB_HARDWARE_PREMIUM, 8, 512, 10080,
    12.1, 5.3, 29, 1800, 41, 5.3, -1, "Seven days of production sampling.", NULL },
  { P_HG_OUTAGE, -9, LB_CAPACITY_BENCHMARK, LB_TIER_NEXT_GEN_GENERAL_PURPOSE, LB_HARDWARE_PREMIUM, 8, 1536, 120,
    31.0, 22.8, 57, 9900, 180, 3.9, -1, "Report-load benchmark against a restored copy.", NULL },
};

/* ---- risks ---------------------------------------------------------------------------- */

typedef struct
{
  int           project;
  const char   *title;
  const char   *description;
  int           likelihood;
  int           impact;
  Who           owner;
  const char   *mitigation;
  gboolean      accepted;
  LbRiskStatus  status;
  int           due_day;
} DemoRisk;

enum { RISK_ERP_LOG_RATE, RISK_ERP_HARDCODED, RISK_ERP_ROLLBACK, RISK_PVW_RENEWAL, RISK_PVW_HABIT, RISK_BROKER_LINKED,
       RISK_HG_FORCED, RISK_HG_VPN, RISK_ASSETS_FAILBACK, RISK_CLAIMS_PACK, RISK_OUTAGE_SEEDING, RISK_WMS_LAG,
       RISK_MES_BASIC_AG };

static const DemoRisk risks[] = {
  [RISK_ERP_LOG_RATE] = { P_LUMA_ERP, "Nightly batch exceeds the General Purpose log-rate cap",
    "Log generation p95 of 41 MiB/s during the MRP run is above the 36 MiB/s cap of GP 8 vCores; the link would fall "
    "behind every night and failover could time out.", 4, 4, WHO_ARCHITECT,
    "Target changed to Business Critical Gen5 16 vCores (72 MiB/s); the re-test passed.", TRUE, LB_RISK_CLOSED, NO_DAY },
  [RISK_ERP_HARDCODED] = { P_LUMA_ERP, "Hard-coded server names on plant-floor terminals",
    "Terminals that bypass the connection string keep talking to the old server after cutover.", 3, 3, WHO_APP,
    "DNS alias for the ERP database; terminal inventory checked in rehearsal 2.", TRUE, LB_RISK_CLOSED, NO_DAY },
  [RISK_ERP_ROLLBACK] = { P_LUMA_ERP, "Rollback after go-live loses changes made on the managed instance",
    "Once the link is removed, going back means restoring a managed instance backup to SQL Server 2022.", 2, 4,
    WHO_OWNER,
    "Keep the link (failback possible) until the managed instance's first full backup and business sign-off.", TRUE,
    LB_RISK_ACCEPTED, 7 },
  [RISK_PVW_RENEWAL] = { P_PVW_ACTUARIAL, "Renewal-season load on the primary and the link",
    "From October to January the renewal runs triple log generation on PolicyAdmin. A lagging link delays actuarial "
    "reports and keeps the primary's log from truncating (log_reuse_wait_desc AVAILABILITY_REPLICA).", 4, 3,
    WHO_DBA,
    "Pre-season capacity check, lag alert at 60 s, reports show their 'data as of' time, log backups every 15 minutes.",
    FALSE, LB_RISK_MITIGATING, 30 },
  [RISK_PVW_HABIT] = { P_PVW_ACTUARIAL, "Report users still query the primary",
    "Old ODBC data sources point at the primary and bring the load back.", 3, 2, WHO_APP,
    "Retire the old data sources; read-only login on the primary for reporting tools.", FALSE, LB_RISK_OPEN, 21 },
  [RISK_BROKER_LINKED] = { P_PVW_BROKER, "Undocumented linked-server dependency (DOCSRV01)",
    "The portal opens policy documents through a linked server with Kerberos delegation that the managed instance "
    "cannot reach. It failed the production cutover.", 5, 4, WHO_APP,
    "Replace the linked server with the document API; add document downloads to the smoke tests; new rehearsal before "
    "the next go/no-go.", FALSE, LB_RISK_MITIGATING, 14 },
  [RISK_HG_FORCED] = { P_HG_GRIDOPS, "Forced failover loses the unsent log",
    "In a real disaster the asynchronous link is failed over with FORCE_FAILOVER_ALLOW_DATA_LOSS: whatever sits in "
    "the log send queue is lost — a few seconds normally, up to about a minute during the 01:00 settlement batch. "
    "If the old primary returns, both sides can report PRIMARY (split brain).", 2, 5, WHO_EXEC,
    "Executives accepted an RPO of up to 60 s for grid operations data. Split-brain runbook (tail-log backup of the "
    "old primary, set it SECONDARY, planned failover) reviewed; forced failover is never used in drills.", TRUE,
    LB_RISK_ACCEPTED, NO_DAY },
  [RISK_HG_VPN] = { P_HG_GRIDOPS, "Single VPN tunnel carries the link",
    "A tunnel renegotiation or ISP outage stops replication; lag grows for as long as it lasts.", 3, 4, WHO_ARCHITECT,
    "Second tunnel on the other ISP ordered; ExpressRoute in next year's budget.", FALSE, LB_RISK_MITIGATING, 40 },
  [RISK_ASSETS_FAILBACK] = { P_HG_ASSETS, "Failback evidence not yet captured",
    "Only the drill has exercised failback; the cutover rehearsal has not run yet.", 3, 3, WHO_DBA,
    "Cutover rehearsal 1 booked; evidence template from the Grid Ops drills.", FALSE, LB_RISK_OPEN, 5 },
  [RISK_CLAIMS_PACK] = { P_PVW_CLAIMS, "SQL Server 2016 needs the Azure Connect pack",
    "Without the pack the link wizard fails with Msg 2812 and T-SQL DAG creation with Msg 19499.", 4, 3, WHO_DBA,
    "Install the Azure Connect pack for SQL Server 2016 SP3 in the next patch window.", FALSE, LB_RISK_OPEN, 21 },
  [RISK_OUTAGE_SEEDING] = { P_HG_OUTAGE, "Seeding restarts on any disconnect",
    "1.1 TB over the VPN takes about 14 hours; a disconnect or restart on either side starts seeding again.", 3, 2,
    WHO_DBA, "Seeding over the weekend, trace flag 12381 while seeding, log backups paused.", FALSE,
    LB_RISK_MITIGATING, 2 },
  [RISK_WMS_LAG] = { P_LUMA_WMS, "Lag above the threshold during the nightly inventory rebuild",
    "The rebuild pushes lag to about a minute; a cutover must not start before the link has drained.", 3, 3, WHO_DBA,
    "Schedule the cutover outside the rebuild; the pre-check compares lag with the 30 s threshold.", FALSE,
    LB_RISK_MITIGATING, 12 },
  [RISK_MES_BASIC_AG] = { P_LUMA_MES, "Standard edition: basic availability group",
    "A basic AG allows one database, which is what a single-database link needs.", 1, 2, WHO_DBA,
    "Confirmed in the pre-check.", TRUE, LB_RISK_CLOSED, NO_DAY },
};

/* ---- approvals ------------------------------------------------------------------------ */

typedef struct
{
  int               project;
  LbApprovalSubject subject;
  Who               who;
  LbDecision        decision;
  int               day;
  int               hh;
  const char       *comment;
} DemoApproval;

enum { APP_ERP_COO, APP_ERP_CIO, APP_MES, APP_SUPPLIER, APP_PVW, APP_BROKER_GO, APP_BROKER_DEFER, APP_HG };

static const DemoApproval approvals[] = {
  [APP_ERP_COO] = { P_LUMA_ERP, LB_SUBJECT_GO_NO_GO, WHO_EXEC, LB_DECISION_APPROVED, -2, 16,
    "Go: two successful cutover rehearsals (96 and 73 minutes against 120), no data loss, lag inside the 30 s threshold." },
  [APP_ERP_CIO] = { P_LUMA_ERP, LB_SUBJECT_GO_NO_GO, WHO_EXEC2, LB_DECISION_APPROVED, -2, 17,
    "Go. Capacity issue found and fixed before the rehearsals; rollback through failback until the link is removed." },
  [APP_MES] = { P_LUMA_MES, LB_SUBJECT_GO_NO_GO, WHO_EXEC2, LB_DECISION_APPROVED, -4, 11,
    "Go for Saturday; one-way link, the source stays read-only for 30 days." },
  [APP_SUPPLIER] = { P_LUMA_SUPPLIER, LB_SUBJECT_GO_NO_GO, WHO_EXEC2, LB_DECISION_APPROVED, -35, 15,
    "Go for the pilot cutover." },
  [APP_PVW] = { P_PVW_ACTUARIAL, LB_SUBJECT_GO_NO_GO, WHO_EXEC2, LB_DECISION_APPROVED, -9, 14,
    "Switch the actuarial reports to the managed instance replica: runtimes measured before and after." },
  [APP_BROKER_GO] = { P_PVW_BROKER, LB_SUBJECT_GO_NO_GO, WHO_EXEC, LB_DECISION_APPROVED, -7, 15,
    "Go after one successful rehearsal." },
  [APP_BROKER_DEFER] = { P_PVW_BROKER, LB_SUBJECT_GO_NO_GO, WHO_EXEC, LB_DECISION_DEFERRED, -4, 10,
    "Deferred until the linked-server dependency is replaced and a new rehearsal passes with document downloads." },
  [APP_HG] = { P_HG_GRIDOPS, LB_SUBJECT_GO_NO_GO, WHO_EXEC, LB_DECISION_APPROVED, -3, 13,
    "The cloud DR path is live. Planned failover tested without data loss; forced-failover risk understood and accepted." },
};

/* ---- costs ---------------------------------------------------------------------------- */

/* Illustrative rates in the company's currency. domain.md §6 quotes no prices; real figures
 * come from the Azure Retail Prices API (price cache). Per vCore-hour and per GB-month. */
static const struct
{
  LbTier     tier;
  LbHardware hardware;
  double     compute;
  double     license;
  double     storage;
} rates[] = {
  { LB_TIER_GENERAL_PURPOSE, LB_HARDWARE_STANDARD, 0.25, 0.10, 0.12 },
  { LB_TIER_GENERAL_PURPOSE, LB_HARDWARE_PREMIUM, 0.27, 0.10, 0.12 },
  { LB_TIER_NEXT_GEN_GENERAL_PURPOSE, LB_HARDWARE_PREMIUM, 0.27, 0.10, 0.12 },
  { LB_TIER_BUSINESS_CRITICAL, LB_HARDWARE_STANDARD, 0.68, 0.37, 0.25 },
  { LB_TIER_BUSINESS_CRITICAL, LB_HARDWARE_PREMIUM, 0.73, 0.37, 0.25 },
};
#define BACKUP_RATE 0.10 /* per GB-month of backup storage beyond the free amount */
#define RATE_SOURCE "Demo estimate at illustrative rates (not an Azure price quote; refresh from the Retail Prices API)"

typedef struct
{
  int            project;
  LbCostCategory category;
  const char    *description;
  double         amount;
  LbCostPeriod   period;
  int            months;
  LbCostBasis    basis;
  const char    *source;
} DemoCost;

static const DemoCost extra_costs[] = {
  { P_LUMA_ERP, LB_COST_PARALLEL_RUN, "On-premises ERP cluster kept running until sign-off", 4200, LB_PERIOD_MONTHLY, 3,
    LB_COST_ESTIMATE, "Plant IT hosting charge-back" },
  { P_LUMA_ERP, LB_COST_SUPPORT_EFFORT, "Drill and two cutover rehearsals: DBA, ERP and plant IT (186 h)", 17670,
    LB_PERIOD_ONE_OFF, 0, LB_COST_ACTUAL, "Time sheets" },
  { P_LUMA_ERP, LB_COST_NETWORK_TRANSFER, "ExpressRoute circuit share for link traffic", 310, LB_PERIOD_MONTHLY, 12,
    LB_COST_ESTIMATE, "Network team" },
  { P_LUMA_ERP, LB_COST_MI_COMPUTE, "Temporary Business Critical instance for the capacity re-test (2 days)", 1150,
    LB_PERIOD_ONE_OFF, 0, LB_COST_ACTUAL, "Azure invoice" },
  { P_LUMA_MES, LB_COST_PARALLEL_RUN, "Source server kept read-only after cutover", 900, LB_PERIOD_MONTHLY, 1,
    LB_COST_ACTUAL, "Plant IT hosting charge-back" },
  { P_LUMA_WMS, LB_COST_SUPPORT_EFFORT, "Link setup and VPN troubleshooting (38 h)", 3610, LB_PERIOD_ONE_OFF, 0,
    LB_COST_ACTUAL, "Time sheets" },
  { P_PVW_ACTUARIAL, LB_COST_NETWORK_TRANSFER, "Site-to-site VPN gateway share for link traffic", 140,
    LB_PERIOD_MONTHLY, 12, LB_COST_ESTIMATE, "Network team" },
  { P_PVW_ACTUARIAL, LB_COST_SUPPORT_EFFORT, "Repointing and validating 46 actuarial reports (64 h)", 6080,
    LB_PERIOD_ONE_OFF, 0, LB_COST_ACTUAL, "Time sheets" },
  { P_PVW_BROKER, LB_COST_SUPPORT_EFFORT, "Failed cutover and rollback (41 h)", 3895, LB_PERIOD_ONE_OFF, 0,
    LB_COST_ACTUAL, "Time sheets" },
  { P_PVW_CLAIMS, LB_COST_SUPPORT_EFFORT, "Azure Connect pack installation and link setup (24 h)", 2280,
    LB_PERIOD_ONE_OFF, 0, LB_COST_ESTIMATE, "Project plan" },
  { P_HG_GRIDOPS, LB_COST_NETWORK_TRANSFER, "VPN gateway share for the link", 260, LB_PERIOD_MONTHLY, 12,
    LB_COST_ESTIMATE, "Network team" },
  { P_HG_GRIDOPS, LB_COST_SUPPORT_EFFORT, "DBA link-monitoring training and two DR drills (72 h)", 6840,
    LB_PERIOD_ONE_OFF, 0, LB_COST_ACTUAL, "Time sheets" },
  { P_HG_ASSETS, LB_COST_PARALLEL_RUN, "Source server kept until sign-off", 650, LB_PERIOD_MONTHLY, 2,
    LB_COST_ESTIMATE, "Data-centre charge-back" },
};

/* ---- evidence written as text --------------------------------------------------------- */

typedef enum { LINK_NONE, LINK_CONTROL, LINK_RISK, LINK_APPROVAL } EvidenceLink;

typedef struct
{
  int            project;
  EvidenceLink   link;
  int            index;  /* control, risks[] row or approvals[] row */
  const char    *title;
  LbEvidenceKind kind;
  int            day;
  int            hh;
  const char    *source;
  const char    *content;
} DemoEvidence;

static const DemoEvidence text_evidence[] = {
  { P_PVW_ACTUARIAL, LINK_APPROVAL, APP_PVW, "Report runtimes before and after the offload", LB_EVIDENCE_TEXT, -10, 11,
    "Report server execution log, two weeks each side",
    "Actuarial report runtimes, median of ten runs (seconds)\n"
    "\n"
    "report                               before (primary)  after (MI replica)  change\n"
    "Loss triangles by line of business              1840                 612    -67 %\n"
    "Reserve adequacy (IBNR)                         2310                 798    -65 %\n"
    "Renewal pricing cube refresh                    3420                1260    -63 %\n"
    "Claims frequency by region                       415                 160    -61 %\n"
    "Policy exposure snapshot                         980                 377    -62 %\n"
    "\n"
    "Primary during the renewal batch window (22:00-03:00):\n"
    "  p95 transaction latency                420 ms -> 95 ms\n"
    "  average CPU                             78 % -> 41 %\n"
    "  PAGEIOLATCH waits per hour            3.1 h -> 0.6 h\n"
    "\n"
    "Reports read data that is on average under 2 s behind the primary (link lag p50).\n" },
  { P_PVW_ACTUARIAL, LINK_RISK, RISK_PVW_RENEWAL, "Renewal-season log generation by week", LB_EVIDENCE_QUERY_RESULT, -12,
    9, "SQLServer:Databases Log Bytes Flushed/sec, weekly p95",
    "week      log_gen_p95_mibps  log_gen_peak_mibps  link_lag_p95_s\n"
    "2025-W36               7.9                18.4             2.1\n"
    "2025-W40              14.8                31.0            11.6\n"
    "2025-W44              21.6                41.2            38.9\n"
    "2025-W48              23.5                44.0            57.3\n"
    "2026-W02              12.2                27.5             6.4\n" },
  { P_PVW_BROKER, LINK_RISK, RISK_BROKER_LINKED, "Validation failure during the production cutover", LB_EVIDENCE_TEXT,
    -5, 22, "Cutover bridge notes",
    "21:02 smoke test 'open policy document' fails: Msg 7303, cannot initialize the data source object of OLE DB "
    "provider for linked server DOCSRV01.\n"
    "21:11 confirmed: the portal reads documents through a linked server with Kerberos delegation; not documented in "
    "the dependency map.\n"
    "21:20 decision by the cutover lead: roll back.\n"
    "21:47 failback complete, link asynchronous again, brokers back on SQL Server. No data lost.\n" },
  { P_HG_GRIDOPS, LINK_CONTROL, LB_CONTROL_MONITORING_SIGNAL, "DBA monitoring checklist for linked databases",
    LB_EVIDENCE_TEXT, -20, 10, "DBA runbook, section 4",
    "Every shift, for every linked database:\n"
    "[x] Link health on the primary: synchronization_health_desc HEALTHY, connected_state_desc CONNECTED\n"
    "[x] Lag: last_commit_time primary minus secondary under 30 s (query C); secondary_lag_seconds beside it\n"
    "[x] Data at risk: log_send_queue_size divided by Log Bytes Flushed/sec\n"
    "[x] Catch-up: redo_queue_size divided by redo_rate on the managed instance\n"
    "[x] ARM: databases[].replicaState LinkSynchronizing, no mostRecentLinkError\n"
    "[x] Primary log: log_reuse_wait_desc not stuck on AVAILABILITY_REPLICA\n"
    "[x] Certificates: endpoint certificate and partnerAuthCertValidity more than 30 days from expiry\n"
    "[x] Azure Monitor alert rules enabled; on-call rota names two trained DBAs\n"
    "\n"
    "Before a failover: workload stopped, synchronous mode, hardened LSNs equal and stable over three polls.\n" },
  { P_HG_GRIDOPS, LINK_RISK, RISK_HG_FORCED, "Forced-failover risk statement for executives", LB_EVIDENCE_TEXT, -6, 15,
    "Architecture board",
    "What happens in a disaster\n"
    "The link is asynchronous. If the data centre is lost, the DBA forces the managed instance to become primary "
    "(FORCE_FAILOVER_ALLOW_DATA_LOSS). Transactions that had not yet left the data centre are lost.\n"
    "\n"
    "How much could be lost\n"
    "Measured over the last 30 days: typically under 2 seconds of work; up to about a minute during the 01:00 "
    "settlement batch. A VPN outage adds its own length until the link reconnects.\n"
    "\n"
    "What we do about it\n"
    "Planned failovers (no data loss) are drilled every quarter. Forced failover is reserved for a real disaster; "
    "if the old primary comes back, the split-brain procedure keeps the managed instance's data.\n"
    "\n"
    "Decision\n"
    "Accepted: recovery point up to 60 seconds, recovery time under two hours.\n" },
};

/* ---- generator state ------------------------------------------------------------------ */

typedef struct
{
  LbStore             *store;
  const LbDemoOptions *options;
  GCancellable        *cancellable;
  gint64               anchor;
  GRand               *rand;
  GError              *error; /* the first failure; later writes are skipped */
  char                *zones[N_COMPANIES];
  gint64               wave_ids[N_WAVES];
  gint64               project_ids[N_PROJECTS];
  gint64               control_ids[N_PROJECTS][5];
  gint64               prereq_ids[N_PROJECTS][N_PREREQS];
  gint64               risk_ids[G_N_ELEMENTS (risks)];
  gint64               approval_ids[G_N_ELEMENTS (approvals)];
} Demo;

typedef struct
{
  gint64        start;
  gint64        end;            /* LB_UNSET_INT when planned */
  gint64        step_start[MAX_STEPS];
  gint64        step_end[MAX_STEPS];
  LbStepOutcome step_outcome[MAX_STEPS];
  double        downtime_min;   /* NAN when planned */
} RehearsalTimes;

/* ---- small helpers -------------------------------------------------------------------- */

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* @day days from the anchor's local date, at @hh:@mm local time of @company. */
static gint64
demo_local_time (const Demo *demo,
                 int         company,
                 int         day,
                 int         hh,
                 int         mm)
{
  gint64 offset = companies[company].tz_min * MINUTE_MS;
  gint64 midnight = floor_div (demo->anchor + offset, DAY_MS) * DAY_MS;

  return midnight + day * DAY_MS + hh * HOUR_MS + mm * MINUTE_MS - offset;
}

static gint64
project_time (const Demo *demo,
              int         p,
              int         day,
              int         hh,
              int         mm)
{
  return demo_local_time (demo, projects[p].company, day, hh, mm);
}

static const char *
who_name (int p,
          Who who)
{
  return who == WHO_OWNER ? projects[p].owner : companies[projects[p].company].people[who];
}

static const char *
who_role (int p,
          Who who)
{
  return companies[projects[p].company].roles[who];
}

/* Numbers in data text always use a decimal point, whatever the locale. */
static char *
num (double value,
     int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, value));
}

static const char *
tier_name (LbTier tier)
{
  switch (tier)
    {
    case LB_TIER_GENERAL_PURPOSE:
      return "General Purpose";
    case LB_TIER_NEXT_GEN_GENERAL_PURPOSE:
      return "Next-gen General Purpose";
    case LB_TIER_BUSINESS_CRITICAL:
    default:
      return "Business Critical";
    }
}

/* The demo's figures as a capacity test record (no project or time yet). */
static LbCapacityTest *
capacity_test_new (const DemoCapacity *c)
{
  LbCapacityTest *test = lb_record_new (&lb_capacity_test_kind);

  test->method = c->method;
  test->target_tier = c->tier;
  test->target_hardware = c->hardware;
  test->target_vcores = c->vcores;
  test->target_storage_gb = c->storage_gb;
  test->duration_min = c->duration_min;
  test->log_gen_peak_mibps = c->peak;
  test->log_gen_p95_mibps = c->p95;
  test->cpu_pct = c->cpu;
  test->iops = c->iops;
  test->throughput_mibps = c->throughput;
  test->io_latency_ms = c->latency;
  return test;
}

/* Judged by the core's capacity rules (domain.md §5.2), so that the demo tells the same
 * story as the app; @summary gets the core's sentence. */
static LbVerdict
capacity_verdict (const DemoCapacity *c,
                  double             *cap,
                  char              **summary)
{
  LbCapacityTest *test = capacity_test_new (c);
  g_autoptr(LbCapacityResult) result = lb_capacity_evaluate (test);
  LbVerdict verdict = c->verdict >= 0 ? (LbVerdict) c->verdict : result->verdict;

  *cap = result->limits_known ? result->limits.log_rate_mibps : NAN;
  if (summary != NULL)
    *summary = g_strdup (result->summary);
  lb_record_free (test);
  return verdict;
}

static char *
random_guid (Demo *demo)
{
  guint32 a = g_rand_int (demo->rand);
  guint32 b = g_rand_int (demo->rand);
  guint32 c = g_rand_int (demo->rand);
  guint32 d = g_rand_int (demo->rand);

  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x", a, b >> 16, b & 0xfff, 0x8000 | (c >> 18),
                          c & 0xffff, d);
}

/* A log-block LSN as the DMVs and ARM show it: a decimal string. */
static char *
random_lsn (Demo *demo)
{
  gint64 value = (gint64) g_rand_int_range (demo->rand, 41, 98) * G_GINT64_CONSTANT (1000000000000000) +
                 (gint64) g_rand_int_range (demo->rand, 0, 999999) * 1000000000 +
                 (gint64) g_rand_int_range (demo->rand, 0, 9999) * 100000 + 1;

  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static char *
iso (gint64 ms)
{
  return lb_time_format_iso_utc (ms);
}

static char *
fqdn (const Demo *demo,
      int         p)
{
  return g_strdup_printf ("%s.%s.database.windows.net", projects[p].mi, demo->zones[projects[p].company]);
}

/* Fills "{token}" placeholders with the project's values. */
static char *
expand (const Demo *demo,
        int         p,
        const char *template)
{
  const DemoProject *proj = &projects[p];
  GString *out = g_string_new (NULL);
  const char *s = template;

  while (*s != '\0')
    {
      const char *close;
      g_autofree char *token = NULL;
      g_autofree char *owned = NULL;
      const char *value = NULL;

      if (*s != '{' || (close = strchr (s, '}')) == NULL)
        {
          g_string_append_c (out, *s++);
          continue;
        }
      token = g_strndup (s + 1, close - s - 1);
      if (g_str_equal (token, "owner"))
        value = proj->owner;
      else if (g_str_equal (token, "company"))
        value = companies[proj->company].name;
      else if (g_str_equal (token, "server"))
        value = proj->server;
      else if (g_str_equal (token, "db"))
        value = proj->database;
      else if (g_str_equal (token, "version"))
        value = proj->version;
      else if (g_str_equal (token, "mi"))
        value = proj->mi;
      else if (g_str_equal (token, "rg"))
        value = proj->resource_group;
      else if (g_str_equal (token, "link"))
        value = owned = g_strdup_printf ("DAG_%s", proj->database);
      else if (g_str_equal (token, "fqdn"))
        value = owned = fqdn (demo, p);
      else if (g_str_equal (token, "storage"))
        value = owned = g_strdup_printf ("%d", proj->storage_gb);
      else if (g_str_equal (token, "threshold"))
        value = owned = num (proj->lag_threshold_s, 0);
      else if (g_str_equal (token, "dba") || g_str_equal (token, "app") || g_str_equal (token, "security"))
        value = who_name (p, token[0] == 'd' ? WHO_DBA : token[0] == 'a' ? WHO_APP : WHO_SECURITY);
      else if (g_str_equal (token, "rollback"))
        value = proj->major >= 2022
                  ? "Failback through the link to SQL Server 2022 works until the link is removed (update policy SQL Server 2022); after that, a managed instance backup restored to SQL Server."
                  : "One-way link: the source database stays untouched and read-only until business sign-off, so rollback is repointing the application.";
      else if (g_str_equal (token, "policy"))
        value = proj->major >= 2022
                  ? "databaseFormat SQLServer2022 on the managed instance: failback to SQL Server 2022 stays possible."
                  : "Not applicable: links from this SQL Server release are one-way (no failback).";
      if (value == NULL)
        {
          g_string_append_c (out, *s++);
          continue;
        }
      g_string_append (out, value);
      s = close + 1;
    }
  return g_string_free (out, FALSE);
}

static void
set_text (char      **slot,
          const char *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static void
take_text (char **slot,
           char  *value)
{
  g_free (*slot);
  *slot = value;
}

static gboolean
demo_ok (Demo *demo)
{
  if (demo->error == NULL)
    g_cancellable_set_error_if_cancelled (demo->cancellable, &demo->error);
  return demo->error == NULL;
}

/* Inserts and frees @record; its id, or 0 after a failure (kept in demo->error). */
static gint64
demo_put (Demo    *demo,
          gpointer record)
{
  gint64 id = 0;

  if (demo->error == NULL && lb_store_insert (demo->store, record, &demo->error))
    id = LB_RECORD_ID (record);
  lb_record_free (record);
  return id;
}

static char *
json_finish (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return json_to_string (root, TRUE);
}

static void
json_add_string (JsonBuilder *builder,
                 const char  *member,
                 const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
json_add_int (JsonBuilder *builder,
              const char  *member,
              gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
json_add_bool (JsonBuilder *builder,
               const char  *member,
               gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

static const char *
arm_tier (LbTier tier)
{
  return tier == LB_TIER_BUSINESS_CRITICAL ? "BusinessCritical" : "GeneralPurpose";
}

static const char *
arm_family (LbHardware hardware)
{
  return hardware == LB_HARDWARE_STANDARD ? "Gen5" : hardware == LB_HARDWARE_PREMIUM ? "G8IM" : "G8IH";
}

static char *
mi_resource_id (int p)
{
  const DemoProject *proj = &projects[p];

  return g_strdup_printf ("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Sql/managedInstances/%s",
                          companies[proj->company].subscription, proj->resource_group, proj->mi);
}

/* ---- evidence content ----------------------------------------------------------------- */

/* `az sql mi show` (domain.md §3.7). */
static char *
content_mi_show (Demo *demo,
                 int   p)
{
  const DemoProject *proj = &projects[p];
  const DemoCompany *company = &companies[proj->company];
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *id = mi_resource_id (p);
  g_autofree char *host = fqdn (demo, p);
  g_autofree char *sku = g_strdup_printf ("%s_%s", proj->tier == LB_TIER_BUSINESS_CRITICAL ? "BC" : "GP",
                                          arm_family (proj->hardware));
  g_autofree char *subnet = g_strdup_printf ("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Network/"
                                             "virtualNetworks/vnet-%s/subnets/snet-managed-instance",
                                             company->subscription, proj->resource_group, proj->key);
  g_autofree char *admin = g_strdup_printf ("grp-%s-dba", proj->key);
  const char *usage = proj->passive_dr ? "Passive" : "Active";

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "administrators");
  json_builder_begin_object (b);
  json_add_string (b, "administratorType", "ActiveDirectory");
  json_add_bool (b, "azureAdOnlyAuthentication", TRUE);
  json_add_string (b, "login", admin);
  json_add_string (b, "principalType", "Group");
  json_add_string (b, "tenantId", company->tenant);
  json_builder_end_object (b);
  json_add_string (b, "collation", "SQL_Latin1_General_CP1_CI_AS");
  json_add_string (b, "databaseFormat", "SQLServer2022");
  json_add_string (b, "dnsZone", demo->zones[proj->company]);
  json_add_string (b, "fullyQualifiedDomainName", host);
  json_add_string (b, "hybridSecondaryUsage", usage);
  json_add_string (b, "hybridSecondaryUsageDetected", usage);
  json_add_string (b, "id", id);
  json_add_bool (b, "isGeneralPurposeV2", proj->tier == LB_TIER_NEXT_GEN_GENERAL_PURPOSE);
  json_add_string (b, "licenseType", company->payg_license ? "LicenseIncluded" : "BasePrice");
  json_add_string (b, "location", proj->region);
  json_add_string (b, "minimalTlsVersion", "1.2");
  json_add_string (b, "name", proj->mi);
  json_add_string (b, "pricingModel", "Regular");
  json_add_string (b, "provisioningState", "Succeeded");
  json_add_string (b, "proxyOverride", "Proxy");
  json_add_bool (b, "publicDataEndpointEnabled", FALSE);
  json_add_string (b, "requestedBackupStorageRedundancy", "Geo");
  json_add_string (b, "resourceGroup", proj->resource_group);
  json_builder_set_member_name (b, "sku");
  json_builder_begin_object (b);
  json_add_int (b, "capacity", proj->vcores);
  json_add_string (b, "family", arm_family (proj->hardware));
  json_add_string (b, "name", sku);
  json_add_string (b, "tier", arm_tier (proj->tier));
  json_builder_end_object (b);
  json_add_string (b, "state", "Ready");
  json_add_int (b, "storageSizeInGb", proj->storage_gb);
  json_add_string (b, "subnetId", subnet);
  json_add_string (b, "timezoneId", "UTC");
  json_add_string (b, "type", "Microsoft.Sql/managedInstances");
  json_add_int (b, "vCores", proj->vcores);
  json_add_bool (b, "zoneRedundant", FALSE);
  json_builder_end_object (b);
  return json_finish (b);
}

/* The link as `az sql mi link show` prints it (CLI ≥ 2.67, flattened) or as the ARM GET
 * returns it (@arm: "properties" object), domain.md §3.3 and §3.6. */
static char *
content_link (Demo       *demo,
              int         p,
              gboolean    arm,
              const char *replica_state,
              const char *seeding_progress,
              gboolean    mi_primary,
              gboolean    sync,
              gint64      at)
{
  const DemoProject *proj = &projects[p];
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *mi_id = mi_resource_id (p);
  g_autofree char *dag = g_strdup_printf ("DAG_%s", proj->database);
  g_autofree char *id = g_strdup_printf ("%s/distributedAvailabilityGroups/%s", mi_id, dag);
  g_autofree char *dag_id = random_guid (demo);
  g_autofree char *ag = g_strdup_printf ("AG_%s", proj->database);
  g_autofree char *mi_ag = g_strdup_printf ("AG_%s_MI", proj->database);
  g_autofree char *endpoint = g_strdup_printf ("TCP://%s:5022", proj->endpoint_ip);
  g_autofree char *instance_replica = random_guid (demo);
  g_autofree char *partner_replica = random_guid (demo);
  g_autofree char *lsn = random_lsn (demo);
  g_autofree char *t_hardened = iso (at - 1000);
  g_autofree char *t_received = iso (at - 900);
  g_autofree char *t_commit = iso (at - 1400);
  g_autofree char *cert = g_strdup_printf ("%s_link_cert", proj->database);
  g_autofree char *expiry = iso (at + (gint64) g_rand_int_range (demo->rand, 190, 520) * DAY_MS);
  gboolean seeding = seeding_progress != NULL;

  json_builder_begin_object (b);
  json_add_string (b, "id", id);
  json_add_string (b, "name", dag);
  json_add_string (b, "type", "Microsoft.Sql/managedInstances/distributedAvailabilityGroups");
  if (arm)
    {
      json_builder_set_member_name (b, "properties");
      json_builder_begin_object (b);
    }
  json_add_string (b, "distributedAvailabilityGroupId", dag_id);
  json_add_string (b, "distributedAvailabilityGroupName", dag);
  json_add_string (b, "instanceAvailabilityGroupName", mi_ag);
  json_add_string (b, "partnerAvailabilityGroupName", ag);
  json_add_string (b, "partnerEndpoint", endpoint);
  json_add_string (b, "instanceLinkRole", mi_primary ? "Primary" : "Secondary");
  json_add_string (b, "partnerLinkRole", mi_primary ? "Secondary" : "Primary");
  json_add_string (b, "replicationMode", sync ? "Sync" : "Async");
  json_add_string (b, "failoverMode", proj->major >= 2022 ? "Manual" : "None");
  json_add_string (b, "seedingMode", "Automatic");
  json_builder_set_member_name (b, "databases");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_add_string (b, "databaseName", proj->database);
  json_add_string (b, "instanceReplicaId", instance_replica);
  json_add_string (b, "partnerReplicaId", partner_replica);
  json_add_string (b, "replicaState", replica_state);
  if (seeding)
    json_add_string (b, "seedingProgress", seeding_progress);
  json_add_string (b, "synchronizationHealth", "HEALTHY");
  json_add_string (b, "connectedState", "CONNECTED");
  if (!seeding)
    {
      json_add_string (b, "lastReceivedLsn", lsn);
      json_add_string (b, "lastReceivedTime", t_received);
      json_add_string (b, "lastHardenedLsn", lsn);
      json_add_string (b, "lastHardenedTime", t_hardened);
      json_add_string (b, "lastCommitLsn", lsn);
      json_add_string (b, "lastCommitTime", t_commit);
    }
  json_builder_set_member_name (b, "partnerAuthCertValidity");
  json_builder_begin_object (b);
  json_add_string (b, "certificateName", cert);
  json_add_string (b, "expiryDate", expiry);
  json_builder_end_object (b);
  if (mi_primary)
    {
      json_add_int (b, "instanceSendReplicationLagSeconds", sync ? 0 : 1);
      json_add_int (b, "instanceRedoReplicationLagSeconds", 0);
    }
  json_builder_end_object (b);
  json_builder_end_array (b);
  if (arm)
    json_builder_end_object (b);
  json_builder_end_object (b);
  return json_finish (b);
}

static char *
content_endpoint (Demo *demo,
                  int   p,
                  gint64 at)
{
  const DemoProject *proj = &projects[p];
  g_autofree char *expiry = iso (at + (gint64) g_rand_int_range (demo->rand, 200, 700) * DAY_MS);
  g_auto(GStrv) host = g_strsplit (proj->server, ".", 2);

  expiry[10] = '\0';
  return g_strdup_printf ("-- sys.database_mirroring_endpoints joined with sys.tcp_endpoints and sys.certificates on %s\n"
                          "name           state_desc  role_desc  connection_auth_desc  is_encryption_enabled  "
                          "encryption_algorithm_desc  port  cert_name            pvt_key_encryption_type  expiry_date\n"
                          "Hadr_endpoint  STARTED     ALL        CERTIFICATE           1                      "
                          "AES                        5022  %s_link_cert  MK                       %s\n",
                          proj->server, host[0], expiry);
}

static char *
content_lsn (Demo  *demo,
             int    p,
             gint64 end)
{
  const DemoProject *proj = &projects[p];
  g_autofree char *lsn = random_lsn (demo);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "-- DAG_%s: hardened LSNs after the workload stopped, polled every 10 s\n"
                             "-- SQL Server: sys.dm_hadr_database_replica_states; %s: ARM databases[].lastHardenedLsn\n"
                             "poll  captured_utc          sqlserver_end_of_log_lsn  sqlserver_last_hardened_lsn  "
                             "mi_last_hardened_lsn\n",
                          proj->database, proj->mi);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *when = iso (end - (2 - i) * 10000);

      g_string_append_printf (s, "%-4d  %s  %-24s  %-27s  %s\n", i + 1, when, lsn, lsn, lsn);
    }
  g_string_append (s, "-- equal on both sides and unchanged over three polls: safe to fail over\n");
  return g_string_free (s, FALSE);
}

static char *
content_validation (Demo                *demo,
                    int                  p,
                    const DemoRehearsal *r,
                    gboolean             failed)
{
  g_autofree char *host = fqdn (demo, p);
  int tests = g_rand_int_range (demo->rand, 24, 61);

  if (failed)
    return g_strdup_printf ("Application validation on %s\n\nSmoke tests: %d of %d passed.\nFAILED: %s\n\nDecision: roll "
                            "back (cutover lead with %s).\n",
                            host, tests - 3, tests, r->notes, who_name (r->project, WHO_APP));
  return g_strdup_printf ("Application validation on %s\n\nSmoke tests: %d of %d passed (sign-in, read, write, "
                          "reports, interfaces).\nNo errors in the application log after repointing.\nSigned off by %s "
                          "(%s).\n",
                          host, tests, tests, who_name (r->project, WHO_APP), who_role (r->project, WHO_APP));
}

/* ---- rehearsal timing ----------------------------------------------------------------- */

static void
rehearsal_times (const Demo          *demo,
                 const DemoRehearsal *r,
                 RehearsalTimes      *out)
{
  const DemoPlan *plan = &plans[r->plan];
  gboolean failed = r->outcome == LB_OUTCOME_FAILED;
  gint64 t;
  gint64 down_start = LB_UNSET_INT;
  gint64 down_end = LB_UNSET_INT;

  out->start = project_time (demo, r->project, r->day, r->hh, r->mm);
  out->end = LB_UNSET_INT;
  out->downtime_min = NAN;
  t = out->start;
  for (int i = 0; i < plan->n_steps; i++)
    {
      guint flags = plan->steps[i].flags;
      gboolean runs;

      out->step_start[i] = out->step_end[i] = LB_UNSET_INT;
      if (r->outcome == LB_OUTCOME_PLANNED)
        {
          out->step_outcome[i] = LB_STEP_PENDING;
          continue;
        }
      if (flags & STEP_CONTINGENCY)
        runs = failed;
      else if (failed && i > r->failed_step)
        runs = (flags & STEP_FAILBACK) != 0;
      else
        runs = TRUE;
      if (!runs)
        {
          out->step_outcome[i] = LB_STEP_SKIPPED;
          continue;
        }
      out->step_outcome[i] = failed && i == r->failed_step ? LB_STEP_FAILED : LB_STEP_DONE;
      out->step_start[i] = t;
      t += r->minutes[i] * MINUTE_MS;
      out->step_end[i] = t;
      if (flags & STEP_STOP)
        down_start = out->step_start[i];
      if (((flags & STEP_VALIDATE) && !failed) || ((flags & STEP_FAILBACK) && failed))
        down_end = out->step_end[i];
    }
  if (r->outcome != LB_OUTCOME_PLANNED)
    {
      out->end = t;
      if (down_start != LB_UNSET_INT && down_end != LB_UNSET_INT)
        out->downtime_min = (down_end - down_start) / (double) MINUTE_MS;
    }
}

/* ---- writing the records -------------------------------------------------------------- */

static void
write_waves (Demo *demo)
{
  for (int w = 0; w < N_WAVES; w++)
    {
      LbWave *wave = lb_record_new (&lb_wave_kind);

      set_text (&wave->name, waves[w].name);
      wave->position = w + 1;
      wave->window_start = demo_local_time (demo, LUMA, waves[w].start_day, 0, 0);
      wave->window_end = demo_local_time (demo, LUMA, waves[w].end_day, 23, 59);
      set_text (&wave->notes, waves[w].notes);
      demo->wave_ids[w] = demo_put (demo, wave);
    }
}

static void
write_project (Demo *demo,
               int   p)
{
  const DemoProject *proj = &projects[p];
  LbProject *project = lb_record_new (&lb_project_kind);
  gboolean linked = proj->status != LB_STATUS_PLANNING;

  set_text (&project->name, proj->name);
  project->scenario = proj->scenario;
  project->wave_id = demo->wave_ids[proj->wave];
  project->status = proj->status;
  set_text (&project->owner, proj->owner);
  set_text (&project->source_server, proj->server);
  project->source_port = proj->port;
  set_text (&project->source_instance, proj->instance);
  set_text (&project->source_database, proj->database);
  set_text (&project->source_version, proj->version);
  set_text (&project->target_instance, proj->mi);
  set_text (&project->target_resource_group, proj->resource_group);
  set_text (&project->target_subscription, companies[proj->company].subscription);
  set_text (&project->target_region, proj->region);
  take_text (&project->target_fqdn, fqdn (demo, p));
  project->target_tier = proj->tier;
  project->target_hardware = proj->hardware;
  project->target_vcores = proj->vcores;
  project->target_storage_gb = proj->storage_gb;
  if (linked)
    {
      take_text (&project->link_name, g_strdup_printf ("DAG_%s", proj->database));
      take_text (&project->source_ag, g_strdup_printf ("AG_%s", proj->database));
      take_text (&project->target_ag, g_strdup_printf ("AG_%s_MI", proj->database));
    }
  project->replication_mode = LB_REPLICATION_ASYNC;
  project->failover_mode = proj->major >= 2022 ? LB_FAILOVER_MODE_MANUAL : LB_FAILOVER_MODE_NONE;
  project->link_role = LB_LINK_ROLE_SQLSERVER_PRIMARY;
  project->lag_threshold_s = proj->lag_threshold_s;
  project->downtime_target_min = proj->downtime_min >= 0 ? proj->downtime_min : LB_UNSET_INT;
  project->planned_cutover = proj->cutover_day != NO_DAY ? project_time (demo, p, proj->cutover_day, 19, 0)
                                                         : LB_UNSET_INT;
  /* The link's endpoint certificate was issued for a year when the design was approved. */
  project->link_cert_valid_until = proj->design_day != NO_DAY ? project_time (demo, p, proj->design_day + 365, 0, 0)
                                                              : LB_UNSET_INT;
  set_text (&project->notes, proj->notes);
  /* Registered some weeks before the anchor, so that "created" reads like a programme's history. */
  project->created_at = demo->anchor - (gint64) (120 - 7 * p) * 86400000;
  demo->project_ids[p] = demo_put (demo, project);
}

static LbReadinessStatus
readiness_status (char c)
{
  switch (c)
    {
    case 'C':
      return LB_READINESS_CLEAR;
    case 'P':
      return LB_READINESS_IN_PROGRESS;
    case 'B':
      return LB_READINESS_BLOCKED;
    default:
      return LB_READINESS_UNKNOWN;
    }
}

static const char *
readiness_note (int      p,
                gboolean control,
                int      index)
{
  for (guint i = 0; i < G_N_ELEMENTS (readiness_notes); i++)
    if (readiness_notes[i].project == p && readiness_notes[i].control == control && readiness_notes[i].index == index)
      return readiness_notes[i].note;
  return NULL;
}

static gint64
write_readiness_item (Demo       *demo,
                      int         p,
                      gboolean    control,
                      int         index,
                      const char *title,
                      const char *note_template,
                      Who         who,
                      char        status)
{
  const DemoProject *proj = &projects[p];
  LbReadinessItem *item = lb_record_new (&lb_readiness_item_kind);
  const char *special = readiness_note (p, control, index);

  item->project_id = demo->project_ids[p];
  item->kind = control ? LB_READINESS_CONTROL : LB_READINESS_PREREQUISITE;
  item->control = control ? index : LB_UNSET_ENUM;
  set_text (&item->title, title);
  item->status = readiness_status (status);
  set_text (&item->owner, who_name (p, who));
  take_text (&item->note, special != NULL ? g_strdup (special) : expand (demo, p, note_template));
  if (item->status == LB_READINESS_CLEAR)
    {
      int day = proj->design_day != NO_DAY ? MIN (proj->design_day + 3 + index % 4, -1) : -1;

      set_text (&item->verified_by, who_name (p, control ? WHO_ARCHITECT : WHO_DBA));
      item->verified_at = project_time (demo, p, day, 10 + index % 6, 15);
    }
  item->position = index;
  return demo_put (demo, item);
}

static void
write_readiness (Demo *demo,
                 int   p)
{
  const DemoProject *proj = &projects[p];

  for (int c = 0; c < 5; c++)
    demo->control_ids[p][c] = write_readiness_item (demo, p, TRUE, c, controls[c].title, controls[c].note,
                                                    controls[c].who, proj->controls[c]);
  for (int i = 0; i < N_PREREQS; i++)
    demo->prereq_ids[p][i] = write_readiness_item (demo, p, FALSE, i,
                                                   prerequisites[i].title != NULL ? prerequisites[i].title
                                                     : lb_link_probe_check_title (prerequisites[i].probe_check),
                                                   prerequisites[i].note,
                                                   WHO_DBA, proj->prereqs[i]);
}

static LbEvidence *
new_evidence (Demo          *demo,
              int            p,
              const char    *title,
              LbEvidenceKind kind,
              char          *content,
              gint64         captured_at,
              const char    *source)
{
  LbEvidence *evidence = lb_record_new (&lb_evidence_kind);
  gsize len = strlen (content);

  evidence->project_id = demo->project_ids[p];
  set_text (&evidence->title, title);
  evidence->kind = kind;
  evidence->content = g_bytes_new_take (content, len);
  set_text (&evidence->media_type, kind == LB_EVIDENCE_AZ_CLI_JSON || kind == LB_EVIDENCE_ARM_JSON
                                     ? "application/json" : "text/plain");
  evidence->captured_at = captured_at;
  set_text (&evidence->source, source);
  return evidence;
}

/* What the probe and the DBA capture while preparing a link. */
static void
write_link_evidence (Demo *demo,
                     int   p)
{
  const DemoProject *proj = &projects[p];
  gint64 at;
  LbEvidence *evidence;
  char *content;

  if (proj->status == LB_STATUS_PLANNING)
    return;
  at = project_time (demo, p, MIN (proj->design_day + 6, -1), 11, 20);

  evidence = new_evidence (demo, p, "az sql mi show", LB_EVIDENCE_AZ_CLI_JSON, content_mi_show (demo, p), at,
                           "az sql mi show --name <mi> --resource-group <rg>");
  evidence->readiness_id = demo->prereq_ids[p][PRE_MI];
  demo_put (demo, evidence);

  evidence = new_evidence (demo, p, "Mirroring endpoint and certificate", LB_EVIDENCE_QUERY_RESULT,
                           content_endpoint (demo, p, at), at + 5 * MINUTE_MS, "Linkbench probe (T-SQL, §1.2 check 18–19)");
  evidence->readiness_id = demo->prereq_ids[p][PRE_ENDPOINT];
  demo_put (demo, evidence);

  if (proj->status == LB_STATUS_SEEDING)
    {
      at = demo->anchor - 40 * MINUTE_MS;
      content = content_link (demo, p, FALSE, "Seeding", "64%", FALSE, FALSE, at);
    }
  else
    {
      /* Before the cutover for projects that are cut over, else recent. */
      at = proj->status == LB_STATUS_CUT_OVER ? project_time (demo, p, proj->cutover_day - 3, 9, 30)
                                              : demo->anchor - 2 * HOUR_MS;
      content = content_link (demo, p, FALSE, "LinkSynchronizing", NULL, FALSE, FALSE, at);
    }
  evidence = new_evidence (demo, p, "az sql mi link show", LB_EVIDENCE_AZ_CLI_JSON, content, at,
                           "az sql mi link show --mi <mi> --name <link>");
  evidence->readiness_id = demo->control_ids[p][LB_CONTROL_MONITORING_SIGNAL];
  demo_put (demo, evidence);

  /* Warehouse WMS's link was switched to synchronous commit for a load test and nobody
   * switched it back: the drift check finds it (replication mode, to review). */
  if (p == P_LUMA_WMS)
    {
      at = demo->anchor - 100 * MINUTE_MS;
      content = content_link (demo, p, FALSE, "LinkSynchronizing", NULL, FALSE, TRUE, at);
      demo_put (demo, new_evidence (demo, p, "az sql mi link show (after the load test)", LB_EVIDENCE_AZ_CLI_JSON,
                                    content, at, "az sql mi link show --mi <mi> --name <link>"));
    }
}

/* The DBA's drift check of each designed project that has Azure state, an hour and a half
 * before the anchor: after the newest az output above. Not of projects already cut over:
 * their link now runs the other way by design, and the decision is behind them. */
static void
write_drift_checks (Demo *demo)
{
  for (int p = 0; p < N_PROJECTS && demo_ok (demo); p++)
    {
      LbDriftCheck *check;

      if (projects[p].design_day == NO_DAY || projects[p].status == LB_STATUS_PLANNING ||
          projects[p].status == LB_STATUS_CUT_OVER)
        continue;
      check = lb_drift_check_run (demo->store, demo->project_ids[p], demo->anchor - 90 * MINUTE_MS, &demo->error);
      if (check != NULL)
        lb_record_free (check);
    }
}

static void
write_capacity_tests (Demo *demo)
{
  for (guint i = 0; i < G_N_ELEMENTS (capacity_tests); i++)
    {
      const DemoCapacity *c = &capacity_tests[i];
      LbCapacityTest *test = capacity_test_new (c);
      g_autofree char *summary = NULL;
      double cap = 0;
      LbVerdict verdict = capacity_verdict (c, &cap, &summary);
      g_autofree char *share = num (100.0 * c->p95 / cap, 0);

      test->project_id = demo->project_ids[c->project];
      test->tested_at = project_time (demo, c->project, c->day, 9, 0);
      test->verdict = verdict;
      take_text (&test->findings, g_strdup_printf ("%s (p95 at %s %% of the log-rate cap.) %s", summary, share,
                                                   c->findings));
      set_text (&test->fix, c->fix);
      demo_put (demo, test);
    }
}

static void
write_rehearsals (Demo *demo)
{
  for (guint i = 0; i < G_N_ELEMENTS (rehearsals); i++)
    {
      const DemoRehearsal *r = &rehearsals[i];
      const DemoProject *proj = &projects[r->project];
      const DemoPlan *plan = &plans[r->plan];
      LbRehearsal *rehearsal = lb_record_new (&lb_rehearsal_kind);
      RehearsalTimes times;
      gboolean executed = r->outcome != LB_OUTCOME_PLANNED;
      gint64 rehearsal_id;
      gint64 end;

      rehearsal_times (demo, r, &times);
      rehearsal->project_id = demo->project_ids[r->project];
      rehearsal->kind = r->kind;
      set_text (&rehearsal->title, r->title);
      rehearsal->started_at = times.start;
      rehearsal->ended_at = times.end;
      rehearsal->downtime_target_min = proj->downtime_min >= 0 ? proj->downtime_min : 120;
      rehearsal->measured_downtime_min = times.downtime_min;
      rehearsal->data_loss = FALSE;
      rehearsal->lag_at_start_s = executed ? r->lag_at_start_s : NAN;
      rehearsal->outcome = r->outcome;
      set_text (&rehearsal->notes, r->notes);
      rehearsal_id = demo_put (demo, rehearsal);

      for (int s = 0; s < plan->n_steps; s++)
        {
          const DemoStep *plan_step = &plan->steps[s];
          LbRehearsalStep *step = lb_record_new (&lb_rehearsal_step_kind);
          gint64 step_id;

          step->rehearsal_id = rehearsal_id;
          step->position = s + 1;
          set_text (&step->name, plan_step->name);
          step->started_at = times.step_start[s];
          step->ended_at = times.step_end[s];
          step->outcome = times.step_outcome[s];
          step->role = (plan_step->flags & STEP_STOP) ? LB_STEP_ROLE_DOWNTIME_START
                       : (plan_step->flags & STEP_VALIDATE) ? LB_STEP_ROLE_DOWNTIME_END
                       : (plan_step->flags & STEP_FAILBACK) ? LB_STEP_ROLE_ROLLBACK_END
                       : LB_STEP_ROLE_NONE;
          take_text (&step->notes, expand (demo, r->project, plan_step->notes));
          step_id = demo_put (demo, step);

          end = times.step_end[s];
          if (step_id == 0 || times.step_outcome[s] == LB_STEP_PENDING || times.step_outcome[s] == LB_STEP_SKIPPED)
            continue;
          if (plan_step->flags & STEP_LSN)
            {
              LbEvidence *e = new_evidence (demo, r->project, "Hardened LSNs before failover", LB_EVIDENCE_QUERY_RESULT,
                                            content_lsn (demo, r->project, end), end, "Linkbench probe (T-SQL and ARM)");
              e->step_id = step_id;
              demo_put (demo, e);
            }
          else if ((plan_step->flags & STEP_FAILOVER) && !(plan_step->flags & STEP_LINK_GONE))
            {
              LbEvidence *e = new_evidence (demo, r->project, "Link after the failover", LB_EVIDENCE_ARM_JSON,
                                            content_link (demo, r->project, TRUE, "LinkSynchronizing", NULL, TRUE, TRUE,
                                                          end),
                                            end, "GET …/distributedAvailabilityGroups/{link}?api-version=2025-01-01");
              e->step_id = step_id;
              demo_put (demo, e);
            }
          else if (plan_step->flags & STEP_VALIDATE)
            {
              LbEvidence *e = new_evidence (demo, r->project, "Application validation", LB_EVIDENCE_TEXT,
                                            content_validation (demo, r->project, r,
                                                                times.step_outcome[s] == LB_STEP_FAILED),
                                            end, "Cutover bridge notes");
              e->step_id = step_id;
              demo_put (demo, e);
            }
        }

      /* Every executed rehearsal is accepted (or not) by the application side. */
      if (executed && proj->scenario != LB_SCENARIO_REPORTING_OFFLOAD)
        {
          LbApproval *approval = lb_record_new (&lb_approval_kind);
          g_autofree char *minutes = num (times.downtime_min, 0);
          g_autofree char *target = g_strdup_printf ("%d", proj->downtime_min >= 0 ? proj->downtime_min : 120);
          Who who = r->kind == LB_REHEARSAL_CUTOVER ? WHO_APP : WHO_ARCHITECT;

          approval->project_id = demo->project_ids[r->project];
          approval->subject = LB_SUBJECT_REHEARSAL_ACCEPTANCE;
          set_text (&approval->approver, who_name (r->project, who));
          set_text (&approval->role, who_role (r->project, who));
          approval->decision = r->outcome == LB_OUTCOME_SUCCESS ? LB_DECISION_APPROVED : LB_DECISION_REJECTED;
          take_text (&approval->comment,
                     r->outcome == LB_OUTCOME_SUCCESS
                       ? g_strdup_printf ("%s accepted: %s minutes of downtime against a %s-minute target, no data loss.",
                                          r->title, minutes, target)
                       : g_strdup_printf ("%s not accepted: application validation failed; %s minutes of downtime "
                                          "against a %s-minute target.",
                                          r->title, minutes, target));
          approval->decided_at = times.end + 14 * HOUR_MS;
          demo_put (demo, approval);
        }
    }
}

static void
write_risks (Demo *demo)
{
  for (guint i = 0; i < G_N_ELEMENTS (risks); i++)
    {
      const DemoRisk *r = &risks[i];
      LbRisk *risk = lb_record_new (&lb_risk_kind);

      risk->project_id = demo->project_ids[r->project];
      set_text (&risk->title, r->title);
      set_text (&risk->description, r->description);
      risk->likelihood = r->likelihood;
      risk->impact = r->impact;
      set_text (&risk->owner, who_name (r->project, r->owner));
      set_text (&risk->mitigation, r->mitigation);
      risk->mitigation_accepted = r->accepted;
      risk->status = r->status;
      risk->due_at = r->due_day != NO_DAY ? project_time (demo, r->project, r->due_day, 17, 0) : LB_UNSET_INT;
      demo->risk_ids[i] = demo_put (demo, risk);
    }

  /* Every link has a certificate that will expire (domain.md §7.4). */
  for (int p = 0; p < N_PROJECTS; p++)
    {
      LbRisk *risk;

      if (projects[p].status == LB_STATUS_PLANNING || projects[p].status == LB_STATUS_CUT_OVER)
        continue;
      risk = lb_record_new (&lb_risk_kind);
      risk->project_id = demo->project_ids[p];
      set_text (&risk->title, "Endpoint certificate expiry breaks the link");
      take_text (&risk->description,
                 expand (demo, p, "The link authenticates with the certificate of the mirroring endpoint on {server}; "
                                  "when it expires replication stops."));
      risk->likelihood = 2;
      risk->impact = 4;
      set_text (&risk->owner, who_name (p, WHO_DBA));
      set_text (&risk->mitigation, "Expiry on the DBA checklist; rotate 60 days ahead: new certificate, upload to the "
                                   "managed instance, ALTER ENDPOINT, drop the old one.");
      risk->status = LB_RISK_MITIGATING;
      risk->due_at = project_time (demo, p, 45 + p, 17, 0);
      demo_put (demo, risk);
    }
}

/* The design the architect approved: what drift checks compare the live state with. */
static char *
design_json (Demo      *demo,
             int        p,
             LbTier     tier,
             LbHardware hardware,
             int        vcores)
{
  const DemoProject *proj = &projects[p];
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *dag = g_strdup_printf ("DAG_%s", proj->database);
  g_autofree char *ag = g_strdup_printf ("AG_%s", proj->database);
  g_autofree char *mi_ag = g_strdup_printf ("AG_%s_MI", proj->database);
  g_autofree char *endpoint = g_strdup_printf ("TCP://%s:5022", proj->endpoint_ip);
  g_autofree char *sku = g_strdup_printf ("%s_%s", tier == LB_TIER_BUSINESS_CRITICAL ? "BC" : "GP",
                                          arm_family (hardware));

  json_builder_begin_object (b);
  json_add_string (b, "managedInstance", proj->mi);
  json_add_string (b, "resourceGroup", proj->resource_group);
  json_add_string (b, "subscription", companies[proj->company].subscription);
  json_add_string (b, "region", proj->region);
  json_builder_set_member_name (b, "sku");
  json_builder_begin_object (b);
  json_add_string (b, "name", sku);
  json_add_string (b, "tier", arm_tier (tier));
  json_add_string (b, "family", arm_family (hardware));
  json_add_int (b, "capacity", vcores);
  json_builder_end_object (b);
  json_add_bool (b, "isGeneralPurposeV2", tier == LB_TIER_NEXT_GEN_GENERAL_PURPOSE);
  json_add_int (b, "storageSizeInGb", proj->storage_gb);
  json_add_string (b, "databaseFormat", "SQLServer2022");
  json_add_string (b, "licenseType", companies[proj->company].payg_license ? "LicenseIncluded" : "BasePrice");
  json_add_string (b, "hybridSecondaryUsage", proj->passive_dr ? "Passive" : "Active");
  json_builder_set_member_name (b, "link");
  json_builder_begin_object (b);
  json_add_string (b, "name", dag);
  json_add_string (b, "databaseName", proj->database);
  json_add_string (b, "partnerAvailabilityGroupName", ag);
  json_add_string (b, "instanceAvailabilityGroupName", mi_ag);
  json_add_string (b, "partnerEndpoint", endpoint);
  json_add_string (b, "instanceLinkRole", "Secondary");
  json_add_string (b, "replicationMode", "Async");
  json_add_string (b, "failoverMode", proj->major >= 2022 ? "Manual" : "None");
  json_add_string (b, "seedingMode", "Automatic");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "targets");
  json_builder_begin_object (b);
  json_add_int (b, "lagThresholdSeconds", (gint64) proj->lag_threshold_s);
  if (proj->downtime_min >= 0)
    json_add_int (b, "downtimeTargetMinutes", proj->downtime_min);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "network");
  json_builder_begin_object (b);
  json_add_string (b, "connectivity", proj->company == LUMA ? "ExpressRoute" : "Site-to-site VPN");
  json_builder_set_member_name (b, "ports");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "5022");
  json_builder_add_string_value (b, "11000-11999");
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_finish (b);
}

static void
write_design (Demo      *demo,
              int        p,
              int        day,
              LbTier     tier,
              LbHardware hardware,
              int        vcores,
              const char *notes)
{
  LbDesignBaseline *design = lb_record_new (&lb_design_baseline_kind);
  LbApproval *approval = lb_record_new (&lb_approval_kind);
  gint64 at = project_time (demo, p, day, 15, 0);

  design->project_id = demo->project_ids[p];
  take_text (&design->design_json, design_json (demo, p, tier, hardware, vcores));
  set_text (&design->approved_by, who_name (p, WHO_ARCHITECT));
  design->approved_at = at;
  set_text (&design->notes, notes);
  demo_put (demo, design);

  approval->project_id = demo->project_ids[p];
  approval->subject = LB_SUBJECT_DESIGN;
  set_text (&approval->approver, who_name (p, WHO_ARCHITECT));
  set_text (&approval->role, who_role (p, WHO_ARCHITECT));
  approval->decision = LB_DECISION_APPROVED;
  set_text (&approval->comment, notes);
  approval->decided_at = at;
  demo_put (demo, approval);
}

static void
write_designs (Demo *demo)
{
  for (guint i = 0; i < G_N_ELEMENTS (superseded_designs); i++)
    write_design (demo, superseded_designs[i].project, superseded_designs[i].day, superseded_designs[i].tier,
                  superseded_designs[i].hardware, superseded_designs[i].vcores, superseded_designs[i].notes);
  for (int p = 0; p < N_PROJECTS; p++)
    {
      const DemoProject *proj = &projects[p];

      if (proj->design_day != NO_DAY)
        write_design (demo, p, proj->design_day, proj->tier, proj->hardware, proj->vcores,
                      proj->design_notes != NULL ? proj->design_notes
                                                 : "Approved link design: tier, size, link names and targets as recorded.");
    }
}

/* What an executive reads before deciding: built from the same tables as the records. */
static char *
content_go_no_go (Demo               *demo,
                  const DemoApproval *a,
                  gint64              at)
{
  const DemoProject *proj = &projects[a->project];
  GString *s = g_string_new (NULL);
  g_autofree char *when = iso (at);
  g_autofree char *threshold = NULL;
  int clear_controls = 0;
  int clear_prereqs = 0;

  g_string_append_printf (s, "Go/no-go pack: %s\nFor %s (%s), prepared %s\n\nRehearsals\n", proj->name,
                          who_name (a->project, a->who), who_role (a->project, a->who), when);
  for (guint i = 0; i < G_N_ELEMENTS (rehearsals); i++)
    {
      const DemoRehearsal *r = &rehearsals[i];
      RehearsalTimes times;
      g_autofree char *minutes = NULL;

      if (r->project != a->project || r->outcome == LB_OUTCOME_PLANNED)
        continue;
      rehearsal_times (demo, r, &times);
      if (times.end >= at)
        continue;
      minutes = num (times.downtime_min, 0);
      g_string_append_printf (s, "  %-45s %4s min downtime (target %d)  %s, no data loss\n", r->title, minutes,
                              proj->downtime_min >= 0 ? proj->downtime_min : 120,
                              r->outcome == LB_OUTCOME_SUCCESS ? "success" : "FAILED");
    }
  g_string_append (s, "\nCapacity tests\n");
  for (guint i = 0; i < G_N_ELEMENTS (capacity_tests); i++)
    {
      const DemoCapacity *c = &capacity_tests[i];
      double cap = 0;
      LbVerdict verdict = capacity_verdict (c, &cap, NULL);
      g_autofree char *p95 = num (c->p95, 1);
      g_autofree char *cap_text = num (cap, 1);

      if (c->project != a->project)
        continue;
      g_string_append_printf (s, "  %s, %d vCores: log generation p95 %s MiB/s against a cap of %s MiB/s: %s\n",
                              tier_name (c->tier), c->vcores, p95, cap_text,
                              verdict == LB_VERDICT_INCONCLUSIVE ? "inconclusive"
                              : verdict == LB_VERDICT_FAIL       ? "fail"
                                                                 : "pass");
    }
  for (int i = 0; i < 5; i++)
    clear_controls += proj->controls[i] == 'C';
  for (int i = 0; i < N_PREREQS; i++)
    clear_prereqs += proj->prereqs[i] == 'C';
  g_string_append_printf (s, "\nReadiness: %d of 5 production-readiness controls clear, %d of %d prerequisites clear.\n",
                          clear_controls, clear_prereqs, N_PREREQS);
  g_string_append (s, "\nRisks\n");
  for (guint i = 0; i < G_N_ELEMENTS (risks); i++)
    if (risks[i].project == a->project)
      g_string_append_printf (s, "  [%d×%d] %s (%s)\n", risks[i].likelihood, risks[i].impact, risks[i].title,
                              risks[i].status == LB_RISK_CLOSED     ? "closed"
                              : risks[i].status == LB_RISK_ACCEPTED ? "accepted"
                              : risks[i].status == LB_RISK_OPEN     ? "open"
                                                                    : "mitigating");
  threshold = num (proj->lag_threshold_s, 0);
  g_string_append_printf (s, "\nApproved lag threshold: %s s.\n", threshold);
  return g_string_free (s, FALSE);
}

static void
write_approvals (Demo *demo)
{
  for (guint i = 0; i < G_N_ELEMENTS (approvals); i++)
    {
      const DemoApproval *a = &approvals[i];
      LbApproval *approval = lb_record_new (&lb_approval_kind);
      gint64 at = project_time (demo, a->project, a->day, a->hh, 0);

      approval->project_id = demo->project_ids[a->project];
      approval->subject = a->subject;
      set_text (&approval->approver, who_name (a->project, a->who));
      set_text (&approval->role, who_role (a->project, a->who));
      approval->decision = a->decision;
      set_text (&approval->comment, a->comment);
      approval->decided_at = at;
      demo->approval_ids[i] = demo_put (demo, approval);

      if (a->subject == LB_SUBJECT_GO_NO_GO && demo->approval_ids[i] != 0)
        {
          LbEvidence *e = new_evidence (demo, a->project, "Go/no-go pack", LB_EVIDENCE_TEXT,
                                        content_go_no_go (demo, a, at - HOUR_MS), at - HOUR_MS, "Linkbench report");
          e->approval_id = demo->approval_ids[i];
          demo_put (demo, e);
        }
    }
}

static void
write_text_evidence (Demo *demo)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_evidence); i++)
    {
      const DemoEvidence *d = &text_evidence[i];
      LbEvidence *e = new_evidence (demo, d->project, d->title, d->kind, g_strdup (d->content),
                                    project_time (demo, d->project, d->day, d->hh, 0), d->source);

      if (d->link == LINK_CONTROL)
        e->readiness_id = demo->control_ids[d->project][d->index];
      else if (d->link == LINK_RISK)
        e->risk_id = demo->risk_ids[d->index];
      else if (d->link == LINK_APPROVAL)
        e->approval_id = demo->approval_ids[d->index];
      demo_put (demo, e);
    }
}

static void
write_cost (Demo          *demo,
            int            p,
            LbCostCategory category,
            char          *description,
            double         amount,
            LbCostPeriod   period,
            int            months,
            LbCostBasis    basis,
            const char    *source)
{
  const DemoProject *proj = &projects[p];
  LbCostItem *item = lb_record_new (&lb_cost_item_kind);
  g_autofree char *wave = g_strdup_printf ("wave-%d", proj->wave + 1);
  const char *env = proj->scenario == LB_SCENARIO_DISASTER_RECOVERY ? "dr"
                    : category == LB_COST_PARALLEL_RUN              ? "on-premises"
                                                                    : "prod";
  const char *tags[][2] = {
    { "cost-center", companies[proj->company].cost_center },
    { "env", env },
    { "wave", wave },
    { "app", proj->key },
  };
  gint64 item_id;

  item->project_id = demo->project_ids[p];
  item->category = category;
  take_text (&item->description, description);
  item->amount = (gint64) llround (amount * 100);
  set_text (&item->currency, companies[proj->company].currency);
  item->period = period;
  item->months = period == LB_PERIOD_MONTHLY ? months : LB_UNSET_INT;
  item->basis = basis;
  set_text (&item->source, source);
  item_id = demo_put (demo, item);

  for (guint t = 0; t < G_N_ELEMENTS (tags) && item_id != 0; t++)
    {
      LbCostTag *tag = lb_record_new (&lb_cost_tag_kind);

      tag->cost_item_id = item_id;
      set_text (&tag->key, tags[t][0]);
      set_text (&tag->value, tags[t][1]);
      demo_put (demo, tag);
    }
}

static void
write_costs (Demo *demo)
{
  for (int p = 0; p < N_PROJECTS; p++)
    {
      const DemoProject *proj = &projects[p];
      LbCostBasis basis = proj->status == LB_STATUS_PLANNING ? LB_COST_ESTIMATE : LB_COST_ACTUAL;
      double compute = 0, license = 0, storage = 0;

      for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
        if (rates[r].tier == proj->tier && rates[r].hardware == proj->hardware)
          {
            compute = rates[r].compute;
            license = rates[r].license;
            storage = rates[r].storage;
          }

      /* domain.md §6.2: compute per vCore-hour × vCores × 730; storage on the reserved size;
       * backup storage beyond the free amount (equal to the reserved size). */
      write_cost (demo, p, LB_COST_MI_COMPUTE,
                  g_strdup_printf ("%s, %s, %d vCores (%s)", proj->mi, tier_name (proj->tier), proj->vcores,
                                   arm_family (proj->hardware)),
                  compute * proj->vcores * MONTH_HOURS, LB_PERIOD_MONTHLY, 12, basis, RATE_SOURCE);
      write_cost (demo, p, LB_COST_STORAGE, g_strdup_printf ("Reserved storage, %d GB", proj->storage_gb),
                  storage * proj->storage_gb, LB_PERIOD_MONTHLY, 12, basis, RATE_SOURCE);
      write_cost (demo, p, LB_COST_BACKUP_STORAGE,
                  g_strdup_printf ("Backup storage beyond the free %d GB (geo-redundant)", proj->storage_gb),
                  BACKUP_RATE * proj->storage_gb * 0.3, LB_PERIOD_MONTHLY, 12, LB_COST_ESTIMATE, RATE_SOURCE);
      if (proj->passive_dr)
        write_cost (demo, p, LB_COST_LICENSING,
                    g_strdup ("SQL Server licence for the DR replica: none (hybrid failover rights, "
                              "hybridSecondaryUsage Passive)"),
                    0, LB_PERIOD_MONTHLY, 12, basis, "Licensing terms: fail-over rights");
      else if (companies[proj->company].payg_license)
        write_cost (demo, p, LB_COST_LICENSING,
                    g_strdup_printf ("SQL Server licence included (pay as you go), %d vCores", proj->vcores),
                    license * proj->vcores * MONTH_HOURS, LB_PERIOD_MONTHLY, 12, basis, RATE_SOURCE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (extra_costs); i++)
    {
      const DemoCost *c = &extra_costs[i];

      write_cost (demo, c->project, c->category, g_strdup (c->description), c->amount, c->period, c->months,
                  c->basis, c->source);
    }
}

static void
write_profiles_and_targets (Demo *demo,
                            int   p)
{
  const DemoProject *proj = &projects[p];
  const DemoCompany *company = &companies[proj->company];
  LbConnectionProfile *profile = lb_record_new (&lb_connection_profile_kind);

  profile->project_id = demo->project_ids[p];
  take_text (&profile->name, g_strdup_printf ("%s · SQL Server", proj->key));
  profile->side = LB_SIDE_SQLSERVER;
  set_text (&profile->host, proj->server);
  profile->port = proj->port;
  set_text (&profile->instance_name, proj->instance);
  profile->auth = LB_AUTH_WINDOWS;
  profile->encryption = LB_ENCRYPTION_REQUIRE;
  set_text (&profile->driver, "FreeTDS");
  demo_put (demo, profile);

  if (proj->status == LB_STATUS_PLANNING)
    return;

  profile = lb_record_new (&lb_connection_profile_kind);
  profile->project_id = demo->project_ids[p];
  take_text (&profile->name, g_strdup_printf ("%s · managed instance", proj->key));
  profile->side = LB_SIDE_MANAGED_INSTANCE;
  take_text (&profile->host, fqdn (demo, p));
  profile->port = 1433;
  take_text (&profile->login, g_strdup_printf ("linkbench-%s@%s", proj->key, company->domain));
  profile->auth = LB_AUTH_ENTRA_ID;
  profile->encryption = LB_ENCRYPTION_REQUIRE;
  set_text (&profile->driver, "FreeTDS");
  demo_put (demo, profile);

  {
    LbAzureTarget *target = lb_record_new (&lb_azure_target_kind);

    target->project_id = demo->project_ids[p];
    set_text (&target->subscription_id, company->subscription);
    set_text (&target->resource_group, proj->resource_group);
    set_text (&target->managed_instance, proj->mi);
    take_text (&target->link_name, g_strdup_printf ("DAG_%s", proj->database));
    set_text (&target->tenant_id, company->tenant);
    demo_put (demo, target);
  }
}

/* ---- lag history ---------------------------------------------------------------------- */

typedef struct
{
  gint64 start;    /* rehearsal start: the sample there shows lag_at_start */
  gint64 quiesce;  /* workload stopped */
  gint64 sync_at;  /* link synchronous */
  gint64 resume;   /* asynchronous again with the workload running */
  gint64 stop;     /* the link was removed: no samples from here on */
  double lag_at_start;
} LagWindow;

/* One job of the nightly batch: log generation ramps up in a minute, holds, and tapers
 * off over the last part. */
typedef struct
{
  gint64 start;
  gint64 taper;
  gint64 end;
} Burst;

typedef struct
{
  Burst  bursts[4];
  int    n_bursts;
  double mibps;     /* log generation of the batch */
  double capacity;  /* MiB/s the link ships and redoes tonight */
} Night;

static int
compare_windows (gconstpointer a,
                 gconstpointer b)
{
  const LagWindow *wa = a;
  const LagWindow *wb = b;

  return wa->start < wb->start ? -1 : wa->start > wb->start;
}

static int
lag_windows (const Demo *demo,
             int         p,
             LagWindow  *out,
             int         max)
{
  int n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (rehearsals) && n < max; i++)
    {
      const DemoRehearsal *r = &rehearsals[i];
      const DemoPlan *plan = &plans[r->plan];
      RehearsalTimes times;
      LagWindow *w = &out[n];

      if (r->project != p || !r->on_link || r->outcome == LB_OUTCOME_PLANNED)
        continue;
      rehearsal_times (demo, r, &times);
      w->start = times.start;
      w->quiesce = w->sync_at = w->resume = times.end;
      w->stop = G_MAXINT64;
      w->lag_at_start = r->lag_at_start_s;
      for (int s = plan->n_steps - 1; s >= 0; s--)
        {
          if (times.step_start[s] == LB_UNSET_INT)
            continue;
          if (plan->steps[s].flags & STEP_STOP)
            w->quiesce = times.step_start[s];
          if (plan->steps[s].flags & STEP_SYNC)
            w->sync_at = times.step_start[s];
          if (plan->steps[s].flags & STEP_LINK_GONE)
            w->stop = times.step_start[s];
        }
      n++;
    }
  qsort (out, n, sizeof *out, compare_windows);
  return n;
}

/* Daytime shape of the workload, 0.3 at night to 1 during office hours. */
static double
diurnal (double hour)
{
  if (hour < 6)
    return 0.3;
  if (hour < 9)
    return 0.3 + 0.7 * (hour - 6) / 3;
  if (hour < 17)
    return 1.0;
  if (hour < 22)
    return 1.0 - 0.55 * (hour - 17) / 5;
  return 0.45 - 0.15 * (hour - 22) / 2;
}

/* Plans the night starting at @midnight (UTC ms of local midnight). The link's capacity
 * is chosen so that the main job leaves a backlog that takes about the night's target
 * peak to clear: with generation G for D seconds, capacity C and night-time generation g,
 * the oldest unshipped commit is (G − C)·D / (C − g) seconds old when the backlog clears. */
static void
plan_night (GRand             *rng,
            const DemoProject *proj,
            gint64             midnight,
            gboolean           weekend,
            Night             *night)
{
  double peak = g_rand_double_range (rng, proj->spike_lo_s, proj->spike_hi_s) * (weekend ? 0.7 : 1.0);
  double quiet = proj->gen_mibps * diurnal (1.5) * (weekend ? 0.5 : 1.0);
  gint64 t = midnight + HOUR_MS + (gint64) g_rand_int_range (rng, 0, 20) * MINUTE_MS;
  double main_s = 0;

  night->n_bursts = g_rand_int_range (rng, 2, 5);
  night->mibps = proj->batch_mibps * g_rand_double_range (rng, 0.85, 1.15);
  for (int i = 0; i < night->n_bursts; i++)
    {
      double minutes = i == 0 ? g_rand_double_range (rng, 8, 14) : g_rand_double_range (rng, 3, 7);
      Burst *b = &night->bursts[i];

      b->start = t;
      b->end = t + (gint64) (minutes * MINUTE_MS);
      b->taper = b->end - (gint64) (minutes * MINUTE_MS * 0.3);
      if (i == 0)
        main_s = ((b->taper - b->start) + 0.5 * (b->end - b->taper)) / 1000.0;
      t = b->end + (gint64) g_rand_int_range (rng, 4, 13) * MINUTE_MS;
    }
  night->capacity = (night->mibps * main_s + peak * quiet) / (peak + main_s);
  night->capacity = MAX (night->capacity, proj->gen_mibps * 1.5);
}

/* Share of the batch's log generation at @t (0 outside the jobs). */
static double
night_load (const Night *night,
            gint64       t)
{
  for (int i = 0; i < night->n_bursts; i++)
    {
      const Burst *b = &night->bursts[i];

      if (t >= b->start && t < b->end)
        {
          double up = MIN (1.0, (t - b->start) / (double) MINUTE_MS);

          if (t < b->taper)
            return up;
          return up * (1.0 - 0.8 * (t - b->taper) / (double) (b->end - b->taper));
        }
    }
  return 0;
}

typedef enum { PHASE_NORMAL, PHASE_QUIET, PHASE_SYNC } Phase;

/* The log as a FIFO: `generated` and `shipped` count MiB since the start; the history
 * remembers when each amount had been generated, so the lag is the age of the oldest
 * commit not yet on the managed instance (domain.md §2.5: last_commit_time primary minus
 * secondary), and queues and rates follow from the same two counters. */
#define HISTORY 16384

typedef struct
{
  gint64 t[HISTORY];
  double generated[HISTORY];
  guint  head;   /* next slot */
  guint  len;
} LogHistory;

static void
history_push (LogHistory *h,
              gint64      t,
              double      generated)
{
  h->t[h->head] = t;
  h->generated[h->head] = generated;
  h->head = (h->head + 1) % HISTORY;
  h->len = MIN (h->len + 1, HISTORY);
}

/* Seconds since the log up to @shipped was generated. */
static double
history_age (const LogHistory *h,
             gint64            now,
             double            shipped)
{
  guint newer = (h->head + HISTORY - 1) % HISTORY;

  if (h->len == 0 || shipped >= h->generated[newer])
    return 0;
  for (guint k = 1; k < h->len; k++)
    {
      guint older = (newer + HISTORY - 1) % HISTORY;

      if (h->generated[older] <= shipped)
        {
          double span = h->generated[newer] - h->generated[older];
          double f = span > 0 ? (shipped - h->generated[older]) / span : 1;
          double when = h->t[older] + f * (h->t[newer] - h->t[older]);

          return (now - when) / 1000.0;
        }
      newer = older;
    }
  return (now - h->t[newer]) / 1000.0;
}

static gboolean
write_lag (Demo *demo,
           int   p)
{
  const DemoProject *proj = &projects[p];
  const gint64 interval = demo->options->lag_interval;
  const gint64 n = (gint64) demo->options->lag_days * DAY_MS / interval;
  const gint64 t0 = demo->anchor - (n - 1) * interval;
  const gint64 tz = companies[proj->company].tz_min * MINUTE_MS;
  const double dt = interval / 1000.0;
  const guint32 seeds[] = { demo->options->seed, (guint32) p + 1, 0x6c6167 };
  g_autoptr(LbLagWriter) writer = NULL;
  g_autoptr(GRand) rng = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  g_autofree LogHistory *history = g_new0 (LogHistory, 1);
  LagWindow windows[8];
  int n_windows = lag_windows (demo, p, windows, G_N_ELEMENTS (windows));
  gint64 stop = G_MAXINT64;
  gint64 gap_start = G_MAXINT64;
  gint64 gap_end = G_MAXINT64;
  Night night = { 0 };
  gint64 night_day = G_MININT64;
  double jitter = proj->jitter_s;
  double generated = 0;
  double shipped = 0;
  int w = 0;
  gboolean forced = FALSE;

  if (n <= 0 || !status_has_lag (proj->status))
    return TRUE;
  for (int i = 0; i < n_windows; i++)
    stop = MIN (stop, windows[i].stop);
  if (proj->incident_min > 0)
    {
      gap_start = demo->anchor - proj->incident_min * MINUTE_MS;
      gap_end = gap_start + proj->incident_gap_min * MINUTE_MS;
    }

  writer = lb_lag_writer_new (demo->store, demo->project_ids[p], LB_LAG_SOURCE_DEMO, 3 * interval, &demo->error);
  if (writer == NULL)
    return FALSE;

  for (gint64 k = 0; k < n; k++)
    {
      gint64 t = t0 + k * interval;
      gint64 local = t + tz;
      gint64 day = floor_div (local, DAY_MS);
      double hour = (local - day * DAY_MS) / (double) HOUR_MS;
      gint64 dow = ((day + 4) % 7 + 7) % 7; /* 1970-01-01 was a Thursday; 0 is Sunday */
      gboolean weekend = dow == 0 || dow == 6;
      double shape = diurnal (hour) * (weekend ? 0.5 : 1.0);
      gboolean in_gap = t >= gap_start && t < gap_end;
      gboolean after_gap = t >= gap_end && t - gap_end < 30 * MINUTE_MS;
      Phase phase = PHASE_NORMAL;
      LbLagSample sample;
      double gen, capacity, sent, backlog, lag, in_flight, redo_share;

      if ((k & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (demo->cancellable, &demo->error))
        return FALSE;
      if (t >= stop)
        break;

      while (w < n_windows && t >= windows[w].resume)
        {
          w++;
          forced = FALSE;
        }
      if (w < n_windows && t >= windows[w].start)
        phase = t >= windows[w].sync_at ? PHASE_SYNC : t >= windows[w].quiesce ? PHASE_QUIET : PHASE_NORMAL;
      if (day != night_day)
        {
          night_day = day;
          plan_night (rng, proj, day * DAY_MS - tz, weekend, &night);
        }

      /* Log generation (MiB/s) and what the link ships of it. */
      gen = proj->gen_mibps * shape * g_rand_double_range (rng, 0.9, 1.1);
      capacity = night.capacity;
      if (phase != PHASE_NORMAL)
        gen = proj->gen_mibps * 0.01; /* workload stopped, or running on the managed instance */
      else
        gen = MAX (gen, night.mibps * night_load (&night, t));
      if (in_gap)
        capacity = 0; /* the link is down */
      generated += gen * dt;
      history_push (history, t, generated);
      sent = MIN (capacity * dt, generated - shipped);
      shipped += sent;
      if (phase == PHASE_SYNC)
        shipped = generated; /* synchronous commit: nothing is left behind */
      if (in_gap)
        continue;

      /* Baseline lag: network round trips and redo, around a second. */
      if (phase == PHASE_NORMAL)
        {
          jitter += 0.08 * (proj->jitter_s * (0.6 + 0.6 * shape) - jitter) +
                    0.25 * proj->jitter_s * (g_rand_double (rng) - 0.5);
          jitter = CLAMP (jitter, 0.15, 2.5);
        }
      else
        jitter = 0.9 * jitter + 0.01;
      if (phase == PHASE_NORMAL && w < n_windows && !forced && t >= windows[w].start &&
          t - windows[w].start < interval)
        {
          /* The rehearsal records the lag it started with. */
          forced = TRUE;
          shipped = generated;
          jitter = windows[w].lag_at_start;
        }
      backlog = generated - shipped;
      lag = phase == PHASE_SYNC ? g_rand_double_range (rng, 0.01, 0.12) : jitter + history_age (history, t, shipped);
      in_flight = (backlog + MIN (lag, jitter) * gen) * MIB;

      /* After an outage the backlog waits on the primary; otherwise redo holds part of it. */
      redo_share = after_gap ? 0.08 : g_rand_double_range (rng, 0.25, 0.4);
      lb_lag_sample_init (&sample, t);
      sample.lag_s = round (lag * 1000) / 1000;
      sample.secondary_lag_s = floor (sample.lag_s);
      sample.log_send_queue_kb = round (in_flight * (1 - redo_share) / 1024);
      sample.redo_queue_kb = round (in_flight * redo_share / 1024);
      /* The DMVs report rates in KB/s. */
      sample.send_rate_bps = MAX (1, round (sent / dt * MIB / 1024)) * 1024;
      sample.redo_rate_bps = MAX (1, round (sent / dt * MIB * g_rand_double_range (rng, 0.96, 1.02) / 1024)) * 1024;
      if (t >= gap_end && t - gap_end < 30000)
        {
          /* Reconnecting after the outage. */
          sample.sync_state = LB_SYNC_NOT_SYNCHRONIZING;
          sample.sync_health = LB_HEALTH_NOT_HEALTHY;
        }
      else
        {
          /* An asynchronous link is healthy while it synchronizes (domain.md §2.1). */
          sample.sync_state = phase == PHASE_SYNC ? LB_SYNC_SYNCHRONIZED : LB_SYNC_SYNCHRONIZING;
          sample.sync_health = LB_HEALTH_HEALTHY;
        }
      if (!lb_lag_writer_add (writer, &sample, &demo->error))
        return FALSE;
    }
  return lb_lag_writer_commit (writer, &demo->error);
}

/* ---- entry points --------------------------------------------------------------------- */

void
lb_demo_options_init (LbDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  options->seed = 1;
  options->anchor = 0;
  options->lag_days = 7;
  options->lag_interval = 5000;
  options->progress = NULL;
  options->progress_data = NULL;
}

static gboolean
check_empty (LbStore *store,
             GError **error)
{
  for (guint k = 0; lb_record_kinds[k] != NULL; k++)
    {
      const LbRecordKind *kind = lb_record_kinds[k];
      gint64 count;

      if (kind == &lb_audit_entry_kind)
        continue;
      count = lb_store_count (store, kind, NULL, 0, error);
      if (count < 0)
        return FALSE;
      if (count > 0)
        {
          g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                       /* TRANSLATORS: "… “/home/me/linkbench.db” already holds 3 records of the kind “Projects”." */
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The demo portfolio is only written into an empty database, and “%s” already "
                                    "holds %lld record of the kind “%s”. Open a new database file for the demo.",
                                    "The demo portfolio is only written into an empty database, and “%s” already "
                                    "holds %lld records of the kind “%s”. Open a new database file for the demo.",
                                    (gulong) count),
                       lb_store_get_path (store), (long long) count, _(kind->plural));
          return FALSE;
        }
    }
  return TRUE;
}

/* The planned failover drill's runbook as the Luma team edited it after their first drill
 * (see its notes): the ERP batch scheduler is paused before the workload stops. */
static void
write_runbooks (Demo *demo)
{
  LbRunbookStep *step = lb_record_new (&lb_runbook_step_kind);

  step->rehearsal_kind = LB_REHEARSAL_PLANNED_FAILOVER;
  step->name = g_strdup ("Pause the batch scheduler");
  step->notes = g_strdup ("Hold the scheduled jobs (SQL Agent and the application's own) so that none starts "
                          "between the workload stop and the validation. Keep the list of held jobs.");
  if (lb_runbook_append (demo->store, step, &demo->error))
    {
      g_autoptr(GPtrArray) runbook = lb_runbook_load (demo->store, LB_REHEARSAL_PLANNED_FAILOVER, NULL, &demo->error);

      /* Before "Stop the workload", the runbook's second step: up to third place. */
      if (runbook != NULL)
        lb_runbook_move (demo->store, step->id, 2 - (int) (runbook->len - 1), &demo->error);
    }
  lb_record_free (step);
}

gboolean
lb_demo_generate (LbStore             *store,
                  const LbDemoOptions *options,
                  GCancellable        *cancellable,
                  GError             **error)
{
  Demo demo = { 0 };
  gboolean ok;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options->lag_days < 0 || options->lag_days > 366)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("Days of lag history: must be between %d and %d, not %d"), 0,
                   366, options->lag_days);
      return FALSE;
    }
  if (options->lag_interval < 1000 || options->lag_interval > HOUR_MS)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                   _("Lag sample interval: must be between 1 s and 1 h, not %lld ms"), (long long) options->lag_interval);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error) || !check_empty (store, error))
    return FALSE;

  demo.store = store;
  demo.options = options;
  demo.cancellable = cancellable;
  demo.anchor = options->anchor > 0 ? options->anchor : lb_time_now_ms () / HOUR_MS * HOUR_MS;
  demo.rand = g_rand_new_with_seed (options->seed);
  for (int c = 0; c < N_COMPANIES; c++)
    demo.zones[c] = g_strdup_printf ("%08x%04x", g_rand_int (demo.rand), g_rand_int (demo.rand) & 0xffff);

  /* All or nothing: a cancelled or failed demo, or a crash half-way, leaves the file empty. */
  if (!lb_store_begin_transaction (store, &demo.error))
    goto out;

  write_waves (&demo);
  for (int p = 0; p < N_PROJECTS && demo_ok (&demo); p++)
    {
      write_project (&demo, p);
      write_readiness (&demo, p);
      write_profiles_and_targets (&demo, p);
    }
  if (demo_ok (&demo))
    write_designs (&demo);
  if (demo_ok (&demo))
    write_capacity_tests (&demo);
  if (demo_ok (&demo))
    write_risks (&demo);
  if (demo_ok (&demo))
    write_approvals (&demo);
  if (demo_ok (&demo))
    write_runbooks (&demo);
  if (demo_ok (&demo))
    write_rehearsals (&demo);
  for (int p = 0; p < N_PROJECTS && demo_ok (&demo); p++)
    write_link_evidence (&demo, p);
  if (demo_ok (&demo))
    write_text_evidence (&demo);
  if (demo_ok (&demo))
    write_drift_checks (&demo);
  if (demo_ok (&demo))
    write_costs (&demo);
  /* The lag history is nearly all of the work: report progress per project. */
  for (int p = 0; p < N_PROJECTS && demo_ok (&demo); p++)
    {
      write_lag (&demo, p);
      if (options->progress != NULL)
        options->progress ((p + 1.0) / N_PROJECTS, options->progress_data);
    }

  if (demo.error == NULL)
    lb_store_commit_transaction (store, &demo.error);
  else
    lb_store_rollback_transaction (store);

out:
  ok = demo.error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&demo.error));
  for (int c = 0; c < N_COMPANIES; c++)
    g_free (demo.zones[c]);
  g_rand_free (demo.rand);
  return ok;
}
