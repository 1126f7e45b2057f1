-- A small EMR schema, shaped the way hospital systems commonly are: a patient master, visits, and
-- clinical rows hanging off a visit. Column names are the EMR's, not FHIR's; JdbcHospitalSource
-- maps them. Times are Korean local time (TIMESTAMP without zone).

CREATE TABLE patient (
  mrn          VARCHAR(10)  PRIMARY KEY,   -- 등록번호, the hospital's record number
  resident_no  CHAR(14)     NOT NULL UNIQUE, -- 주민등록번호; only used to compute linkage tokens
  family_name  VARCHAR(20)  NOT NULL,
  given_name   VARCHAR(20)  NOT NULL,
  sex          CHAR(1)      NOT NULL CHECK (sex IN ('M', 'F')),
  birth_date   DATE         NOT NULL,
  phone        VARCHAR(20),
  address      VARCHAR(200),
  updated_at   TIMESTAMP    NOT NULL
);

CREATE TABLE visit (
  visit_no     BIGINT       PRIMARY KEY,
  mrn          VARCHAR(10)  NOT NULL REFERENCES patient (mrn),
  visit_type   CHAR(1)      NOT NULL CHECK (visit_type IN ('O', 'I', 'E')), -- 외래, 입원, 응급
  department   VARCHAR(40)  NOT NULL,
  physician    VARCHAR(40)  NOT NULL,
  started_at   TIMESTAMP    NOT NULL,
  ended_at     TIMESTAMP,
  updated_at   TIMESTAMP    NOT NULL
);
CREATE INDEX visit_by_patient ON visit (mrn, started_at);

CREATE TABLE diagnosis (
  diagnosis_no BIGINT       PRIMARY KEY,
  visit_no     BIGINT       NOT NULL REFERENCES visit (visit_no),
  kcd_code     VARCHAR(10)  NOT NULL,      -- KCD-8
  name_en      VARCHAR(200) NOT NULL,
  name_ko      VARCHAR(200) NOT NULL,
  chronic      BOOLEAN      NOT NULL,
  onset_date   DATE         NOT NULL,
  updated_at   TIMESTAMP    NOT NULL
);
CREATE INDEX diagnosis_by_visit ON diagnosis (visit_no);

-- One order is one panel (or one single test) drawn at one time; its results are lab_result rows.
CREATE TABLE lab_order (
  order_no     BIGINT       PRIMARY KEY,
  visit_no     BIGINT       NOT NULL REFERENCES visit (visit_no),
  loinc        VARCHAR(10)  NOT NULL,
  name_en      VARCHAR(200) NOT NULL,
  name_ko      VARCHAR(200) NOT NULL,
  collected_at TIMESTAMP    NOT NULL,
  reported_at  TIMESTAMP    NOT NULL,
  updated_at   TIMESTAMP    NOT NULL
);
CREATE INDEX lab_order_by_visit ON lab_order (visit_no);

CREATE TABLE lab_result (
  result_no    BIGINT       PRIMARY KEY,
  order_no     BIGINT       NOT NULL REFERENCES lab_order (order_no),
  loinc        VARCHAR(10)  NOT NULL,
  name_en      VARCHAR(200) NOT NULL,
  name_ko      VARCHAR(200) NOT NULL,
  value_num    DECIMAL(10, 2) NOT NULL,
  unit_ucum    VARCHAR(20)  NOT NULL,
  ref_low      DECIMAL(10, 2),
  ref_high     DECIMAL(10, 2),
  flag         CHAR(1)      CHECK (flag IN ('L', 'H')), -- null when within range
  updated_at   TIMESTAMP    NOT NULL
);
CREATE INDEX lab_result_by_order ON lab_result (order_no);

CREATE TABLE prescription (
  rx_no        BIGINT       PRIMARY KEY,
  visit_no     BIGINT       NOT NULL REFERENCES visit (visit_no),
  diagnosis_no BIGINT       REFERENCES diagnosis (diagnosis_no),
  edi_code     CHAR(9)      NOT NULL,      -- HIRA EDI product code
  atc_code     VARCHAR(7)   NOT NULL,
  name_en      VARCHAR(200) NOT NULL,
  name_ko      VARCHAR(200) NOT NULL,
  sig          VARCHAR(200) NOT NULL,      -- 용법
  days         INT          NOT NULL,
  status       VARCHAR(10)  NOT NULL CHECK (status IN ('active', 'completed', 'stopped')),
  prescribed_at TIMESTAMP   NOT NULL,
  updated_at   TIMESTAMP    NOT NULL
);
CREATE INDEX prescription_by_visit ON prescription (visit_no);

CREATE TABLE allergy (
  allergy_no   BIGINT       PRIMARY KEY,
  mrn          VARCHAR(10)  NOT NULL REFERENCES patient (mrn),
  snomed_code  VARCHAR(18)  NOT NULL,
  name_en      VARCHAR(200) NOT NULL,
  name_ko      VARCHAR(200) NOT NULL,
  category     VARCHAR(12)  NOT NULL CHECK (category IN ('food', 'medication', 'environment')),
  high_risk    BOOLEAN      NOT NULL,
  reaction_snomed VARCHAR(18) NOT NULL,
  reaction_en  VARCHAR(200) NOT NULL,
  reaction_ko  VARCHAR(200) NOT NULL,
  recorded_at  TIMESTAMP    NOT NULL,
  updated_at   TIMESTAMP    NOT NULL
);
CREATE INDEX allergy_by_patient ON allergy (mrn);
