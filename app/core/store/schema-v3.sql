-- Linkbench schema version 3: when the link's certificate expires, so that the go/no-go
-- rules can check that it outlives the cutover. Set by hand or by a probe; NULL while
-- unknown (the rule then does not apply).

ALTER TABLE project ADD COLUMN link_cert_valid_until INTEGER;
