-- CreateTable
CREATE TABLE "Assignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "dueAt" DATETIME NOT NULL,
    "createdById" INTEGER NOT NULL,
    "scopePath" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "withdrawnAt" DATETIME,
    "withdrawnById" INTEGER
);

-- CreateTable
CREATE TABLE "AssignmentCourse" (
    "assignmentId" INTEGER NOT NULL,
    "courseId" INTEGER NOT NULL,

    PRIMARY KEY ("assignmentId", "courseId"),
    CONSTRAINT "AssignmentCourse_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AssignmentCourse_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssignmentTarget" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "assignmentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "orgUnitId" INTEGER,
    "userId" INTEGER,
    CONSTRAINT "AssignmentTarget_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AssignmentTarget_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AssignmentTarget_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CourseStatus" (
    "userId" INTEGER NOT NULL,
    "courseId" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "completedAt" DATETIME,

    PRIMARY KEY ("userId", "courseId"),
    CONSTRAINT "CourseStatus_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CourseStatus_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "createdAt" DATETIME NOT NULL,
    "readAt" DATETIME,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Assignment_scopePath_idx" ON "Assignment"("scopePath");

-- CreateIndex
CREATE INDEX "Assignment_dueAt_idx" ON "Assignment"("dueAt");

-- CreateIndex
CREATE INDEX "AssignmentCourse_courseId_idx" ON "AssignmentCourse"("courseId");

-- CreateIndex
CREATE INDEX "AssignmentTarget_assignmentId_idx" ON "AssignmentTarget"("assignmentId");

-- CreateIndex
CREATE INDEX "AssignmentTarget_orgUnitId_idx" ON "AssignmentTarget"("orgUnitId");

-- CreateIndex
CREATE INDEX "AssignmentTarget_userId_idx" ON "AssignmentTarget"("userId");

-- CreateIndex
CREATE INDEX "CourseStatus_courseId_completedAt_idx" ON "CourseStatus"("courseId", "completedAt");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");


-- Hand-written backfill: CourseStatus summarises LessonProgress, QuizAttempt and Completion
-- (app/modules/learning/course-status.server.ts keeps it current from now on).
INSERT OR IGNORE INTO "CourseStatus" ("userId", "courseId", "startedAt", "completedAt")
SELECT "userId", "courseId", MIN("startedAt"), NULL FROM (
    SELECT p."userId", l."courseId", p."openedAt" AS "startedAt" FROM "LessonProgress" p JOIN "Lesson" l ON l."id" = p."lessonId"
    UNION ALL
    SELECT "userId", "courseId", "startedAt" FROM "QuizAttempt" WHERE "practice" = 0
    UNION ALL
    SELECT "userId", "courseId", "completedAt" FROM "Completion"
) GROUP BY "userId", "courseId";

UPDATE "CourseStatus" SET "completedAt" = (
    SELECT k."completedAt" FROM "Completion" k WHERE k."userId" = "CourseStatus"."userId" AND k."courseId" = "CourseStatus"."courseId"
);
