-- CreateTable
CREATE TABLE "PolicySectionMember" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "addedById" INTEGER NOT NULL,
    "addedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PolicyDoc" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "authorId" INTEGER,
    "title" TEXT NOT NULL,
    "lawId" TEXT,
    "articles" TEXT NOT NULL DEFAULT '',
    "docTitle" TEXT,
    "docNumber" TEXT,
    "docDate" TEXT,
    "body" TEXT NOT NULL,
    "keyPoints" TEXT NOT NULL DEFAULT '[]',
    "faq" TEXT NOT NULL DEFAULT '[]',
    "forStaff" BOOLEAN NOT NULL DEFAULT false,
    "forEnterprise" BOOLEAN NOT NULL DEFAULT false,
    "isPublic" BOOLEAN NOT NULL DEFAULT false,
    "industries" TEXT NOT NULL DEFAULT '[]',
    "expressLawId" TEXT,
    "expressVersion" TEXT,
    "expressFrom" TEXT,
    "publishedVersion" INTEGER NOT NULL DEFAULT 0,
    "publishedAt" DATETIME,
    "repealedAt" DATETIME,
    "submittedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "docId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "lawId" TEXT,
    "articles" TEXT NOT NULL,
    "docTitle" TEXT,
    "docNumber" TEXT,
    "docDate" TEXT,
    "body" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "keyPoints" TEXT NOT NULL,
    "faq" TEXT NOT NULL,
    "forStaff" BOOLEAN NOT NULL,
    "forEnterprise" BOOLEAN NOT NULL,
    "isPublic" BOOLEAN NOT NULL,
    "industries" TEXT NOT NULL,
    "authorId" INTEGER,
    "reviewerId" INTEGER NOT NULL,
    "publishedAt" DATETIME NOT NULL,
    CONSTRAINT "PolicyVersion_docId_fkey" FOREIGN KEY ("docId") REFERENCES "PolicyDoc" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PolicyReview" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "docId" INTEGER NOT NULL,
    "actorId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "comment" TEXT,
    "at" DATETIME NOT NULL,
    CONSTRAINT "PolicyReview_docId_fkey" FOREIGN KEY ("docId") REFERENCES "PolicyDoc" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PolicyTag" (
    "docId" INTEGER NOT NULL,
    "industry" TEXT NOT NULL,

    PRIMARY KEY ("docId", "industry"),
    CONSTRAINT "PolicyTag_docId_fkey" FOREIGN KEY ("docId") REFERENCES "PolicyDoc" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PolicyRead" (
    "docId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,

    PRIMARY KEY ("docId", "userId", "day")
);

-- CreateTable
CREATE TABLE "PolicySubscription" (
    "userId" INTEGER NOT NULL,
    "industry" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "industry")
);

-- CreateTable
CREATE TABLE "PolicyLawBaseline" (
    "lawId" TEXT NOT NULL PRIMARY KEY,
    "versionKey" TEXT NOT NULL,
    "effective" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PolicyReading" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "docId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "withSubunits" BOOLEAN NOT NULL,
    "dueDate" TEXT,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PolicyReadConfirm" (
    "docId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "confirmedAt" DATETIME NOT NULL,

    PRIMARY KEY ("docId", "userId")
);

-- CreateIndex
CREATE INDEX "PolicyDoc_stage_publishedAt_idx" ON "PolicyDoc"("stage", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PolicySectionMember_userId_key" ON "PolicySectionMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyDoc_expressLawId_expressVersion_key" ON "PolicyDoc"("expressLawId", "expressVersion");

-- CreateIndex
CREATE INDEX "PolicyVersion_lawId_idx" ON "PolicyVersion"("lawId");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_docId_version_key" ON "PolicyVersion"("docId", "version");

-- CreateIndex
CREATE INDEX "PolicyReview_docId_at_idx" ON "PolicyReview"("docId", "at");

-- CreateIndex
CREATE INDEX "PolicyTag_industry_idx" ON "PolicyTag"("industry");

-- CreateIndex
CREATE INDEX "PolicySubscription_industry_idx" ON "PolicySubscription"("industry");

-- CreateIndex
CREATE INDEX "PolicyReading_unitId_idx" ON "PolicyReading"("unitId");

-- CreateIndex
CREATE INDEX "PolicyReading_docId_idx" ON "PolicyReading"("docId");

