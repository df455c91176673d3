-- CreateTable
CREATE TABLE "PolicySectionMember" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "addedById" INTEGER NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PolicySectionMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyDoc" (
    "id" SERIAL NOT NULL,
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
    "publishedAt" TIMESTAMP(3),
    "repealedAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PolicyDoc_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" SERIAL NOT NULL,
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
    "publishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyReview" (
    "id" SERIAL NOT NULL,
    "docId" INTEGER NOT NULL,
    "actorId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "comment" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PolicyReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyTag" (
    "docId" INTEGER NOT NULL,
    "industry" TEXT NOT NULL,

    CONSTRAINT "PolicyTag_pkey" PRIMARY KEY ("docId","industry")
);

-- CreateTable
CREATE TABLE "PolicyRead" (
    "docId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,

    CONSTRAINT "PolicyRead_pkey" PRIMARY KEY ("docId","userId","day")
);

-- CreateTable
CREATE TABLE "PolicySubscription" (
    "userId" INTEGER NOT NULL,
    "industry" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PolicySubscription_pkey" PRIMARY KEY ("userId","industry")
);

-- CreateTable
CREATE TABLE "PolicyLawBaseline" (
    "lawId" TEXT NOT NULL,
    "versionKey" TEXT NOT NULL,
    "effective" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PolicyLawBaseline_pkey" PRIMARY KEY ("lawId")
);

-- CreateTable
CREATE TABLE "PolicyReading" (
    "id" SERIAL NOT NULL,
    "docId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "withSubunits" BOOLEAN NOT NULL,
    "dueDate" TEXT,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PolicyReading_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyReadConfirm" (
    "docId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "confirmedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PolicyReadConfirm_pkey" PRIMARY KEY ("docId","userId")
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

-- AddForeignKey
ALTER TABLE "PolicyVersion" ADD CONSTRAINT "PolicyVersion_docId_fkey" FOREIGN KEY ("docId") REFERENCES "PolicyDoc"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyReview" ADD CONSTRAINT "PolicyReview_docId_fkey" FOREIGN KEY ("docId") REFERENCES "PolicyDoc"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyTag" ADD CONSTRAINT "PolicyTag_docId_fkey" FOREIGN KEY ("docId") REFERENCES "PolicyDoc"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

