-- The hospitals the gateway connects to. Their adapters' addresses live here; their keys do not.
CREATE TABLE hospital (
    code          VARCHAR(40)  PRIMARY KEY,
    name_ko       VARCHAR(200) NOT NULL,
    name_en       VARCHAR(200) NOT NULL,
    province      VARCHAR(40)  NOT NULL,
    city          VARCHAR(40)  NOT NULL,
    base_url      VARCHAR(400) NOT NULL,
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);
