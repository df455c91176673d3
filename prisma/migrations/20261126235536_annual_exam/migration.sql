-- CreateTable
CREATE TABLE "ExamAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "draw" TEXT NOT NULL,
    "answers" TEXT NOT NULL DEFAULT '{}',
    "passMark" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "deadline" DATETIME NOT NULL,
    "submittedAt" DATETIME,
    "score" INTEGER,
    "passed" BOOLEAN,
    CONSTRAINT "ExamAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ExamAttempt_userId_year_idx" ON "ExamAttempt"("userId", "year");

-- CreateIndex
CREATE INDEX "ExamAttempt_year_passed_idx" ON "ExamAttempt"("year", "passed");

