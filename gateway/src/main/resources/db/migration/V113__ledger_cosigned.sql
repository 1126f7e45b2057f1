-- Checkpoints the witnesses cosigned (a quorum of them): the signed note with the witnesses'
-- cosignature lines, as published. A copy of each also lives with every witness, in its own files.
CREATE TABLE ledger_cosigned (
    tree_size  BIGINT                   NOT NULL PRIMARY KEY,
    note       TEXT                     NOT NULL,
    cosigned   TIMESTAMP WITH TIME ZONE NOT NULL
);
