-- CreateTable
CREATE TABLE "CitationBaseline" (
    "courseSlug" TEXT NOT NULL,
    "lawId" TEXT NOT NULL,
    "versionKey" TEXT NOT NULL,
    "effective" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("courseSlug", "lawId")
);

-- CreateTable
CREATE TABLE "CitationFlag" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "lawId" TEXT NOT NULL,
    "fromVersion" TEXT NOT NULL,
    "toVersion" TEXT NOT NULL,
    "toEffective" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "lessonSlug" TEXT,
    "paragraph" INTEGER,
    "questionKey" TEXT,
    "excerpt" TEXT NOT NULL,
    "article" INTEGER NOT NULL,
    "change" TEXT NOT NULL,
    "newArticle" INTEGER,
    "oldText" TEXT NOT NULL,
    "newText" TEXT,
    "contentVersion" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "reviewedById" INTEGER,
    "reviewedAt" DATETIME,
    "note" TEXT
);

-- CreateIndex
CREATE INDEX "CitationFlag_status_courseSlug_idx" ON "CitationFlag"("status", "courseSlug");

-- CreateIndex
CREATE INDEX "CitationFlag_courseSlug_lessonSlug_status_idx" ON "CitationFlag"("courseSlug", "lessonSlug", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CitationFlag_lawId_toVersion_courseSlug_place_article_key" ON "CitationFlag"("lawId", "toVersion", "courseSlug", "place", "article");

