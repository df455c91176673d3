-- CreateTable
CREATE TABLE "AssignmentNotice" (
    "assignmentId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssignmentNotice_pkey" PRIMARY KEY ("assignmentId","userId")
);


-- Everyone an assignment covers now is taken as told (the notice at creation, or 我的学习):
-- only people who join later get one (decision 0019).
INSERT INTO "AssignmentNotice" ("assignmentId", "userId", "sentAt")
SELECT p."assignmentId", p."userId", a."createdAt"
FROM "AssignmentPerson" p JOIN "Assignment" a ON a."id" = p."assignmentId";
