-- CreateTable
CREATE TABLE "AssignmentReminder" (
    "assignmentId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "lastSentAt" TIMESTAMP(3) NOT NULL,
    "sentById" INTEGER,

    CONSTRAINT "AssignmentReminder_pkey" PRIMARY KEY ("assignmentId","userId")
);
