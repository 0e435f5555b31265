"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-27

Every table of the data model; the alias_key columns arrive in 0002.

Migrations are frozen: use plain SQL or Core (sa.table/sa.column) here, never relations.models,
and copy any library function a data migration needs. SQLite alters tables inside
op.batch_alter_table (env.py sets render_as_batch). Test it with tests/test_migrations.py.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('articles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=300), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('source', sa.String(length=300), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('dateline', sa.String(length=300), nullable=True),
    sa.Column('dateline_date', sa.Date(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('extractor_version', sa.String(length=64), nullable=False),
    sa.CheckConstraint('length(content_hash) = 64', name=op.f('ck_articles_content_hash')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles')),
    sa.UniqueConstraint('content_hash', name=op.f('uq_articles_content_hash')),
    sa.UniqueConstraint('url', name=op.f('uq_articles_url'))
    )
    op.create_table('countries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('iso3', sa.String(length=3), nullable=False),
    sa.Column('iso2', sa.String(length=2), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('official_name', sa.String(length=300), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_countries')),
    sa.UniqueConstraint('iso2', name=op.f('uq_countries_iso2')),
    sa.UniqueConstraint('iso3', name=op.f('uq_countries_iso3'))
    )
    op.create_table('organizations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.CheckConstraint("kind IN ('union', 'alliance', 'un', 'bloc', 'group', 'other')", name=op.f('ck_organizations_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations')),
    sa.UniqueConstraint('code', name=op.f('uq_organizations_code'))
    )
    op.create_table('topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.CheckConstraint("kind IN ('field', 'initiative')", name=op.f('ck_topics_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topics')),
    sa.UniqueConstraint('name', name=op.f('uq_topics_name'))
    )
    op.create_table('calls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('medium', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.String(length=16), nullable=True),
    sa.Column('date_text', sa.String(length=300), nullable=True),
    sa.Column('initiator_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("date_precision IN ('day', 'week', 'month')", name=op.f('ck_calls_date_precision')),
    sa.CheckConstraint("medium IN ('phone', 'video', 'in_person')", name=op.f('ck_calls_medium')),
    sa.CheckConstraint("status IN ('held', 'planned', 'denied')", name=op.f('ck_calls_status')),
    sa.ForeignKeyConstraint(['initiator_id'], ['countries.id'], name=op.f('fk_calls_initiator_id_countries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calls'))
    )
    op.create_index(op.f('ix_calls_date'), 'calls', ['date'])
    op.create_index(op.f('ix_calls_initiator_id'), 'calls', ['initiator_id'])
    op.create_table('country_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.CheckConstraint("kind IN ('name', 'demonym', 'capital', 'abbreviation', 'former')", name=op.f('ck_country_aliases_kind')),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_country_aliases_country_id_countries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_country_aliases')),
    sa.UniqueConstraint('country_id', 'kind', 'alias', name=op.f('uq_country_aliases_country_id_kind_alias'))
    )
    op.create_table('leaders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('name_key', sa.String(length=300), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('country_id IS NULL OR organization_id IS NULL', name=op.f('ck_leaders_one_party')),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_leaders_country_id_countries')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_leaders_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leaders')),
    sa.UniqueConstraint('name_key', 'country_id', name=op.f('uq_leaders_name_key_country_id')),
    sa.UniqueConstraint('name_key', 'organization_id', name=op.f('uq_leaders_name_key_organization_id'))
    )
    op.create_index(op.f('ix_leaders_country_id'), 'leaders', ['country_id'])
    op.create_index(op.f('ix_leaders_organization_id'), 'leaders', ['organization_id'])
    op.create_table('organization_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_organization_aliases_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organization_aliases')),
    sa.UniqueConstraint('organization_id', 'alias', name=op.f('uq_organization_aliases_organization_id_alias'))
    )
    op.create_table('partnerships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country_a_id', sa.Integer(), nullable=False),
    sa.Column('country_b_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=300), nullable=False),
    sa.Column('stated_on', sa.Date(), nullable=True),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.CheckConstraint('"start" >= 0 AND "end" >= "start"', name=op.f('ck_partnerships_span')),
    sa.CheckConstraint('country_a_id <> country_b_id', name=op.f('ck_partnerships_two_countries')),
    sa.CheckConstraint('level = lower(level)', name=op.f('ck_partnerships_level_lower_case')),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_partnerships_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['country_a_id'], ['countries.id'], name=op.f('fk_partnerships_country_a_id_countries')),
    sa.ForeignKeyConstraint(['country_b_id'], ['countries.id'], name=op.f('fk_partnerships_country_b_id_countries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnerships')),
    sa.UniqueConstraint('article_id', 'country_a_id', 'country_b_id', 'level', name=op.f('uq_partnerships_article_id_country_a_id_country_b_id_level'))
    )
    op.create_index('ix_partnerships_country_a_id_country_b_id_stated_on', 'partnerships', ['country_a_id', 'country_b_id', 'stated_on'])
    op.create_index(op.f('ix_partnerships_country_b_id'), 'partnerships', ['country_b_id'])
    op.create_table('topic_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['topic_id'], ['topics.id'], name=op.f('fk_topic_aliases_topic_id_topics'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topic_aliases')),
    sa.UniqueConstraint('alias', name=op.f('uq_topic_aliases_alias'))
    )
    op.create_index(op.f('ix_topic_aliases_topic_id'), 'topic_aliases', ['topic_id'])
    op.create_table('article_leaders',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('leader_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_leaders_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['leader_id'], ['leaders.id'], name=op.f('fk_article_leaders_leader_id_leaders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'leader_id', name=op.f('pk_article_leaders'))
    )
    op.create_index(op.f('ix_article_leaders_leader_id'), 'article_leaders', ['leader_id'])
    op.create_table('call_countries',
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_call_countries_call_id_calls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_call_countries_country_id_countries')),
    sa.PrimaryKeyConstraint('call_id', 'country_id', name=op.f('pk_call_countries'))
    )
    op.create_index('ix_call_countries_country_id_call_id', 'call_countries', ['country_id', 'call_id'])
    op.create_table('call_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('leader_id', sa.Integer(), nullable=True),
    sa.Column('country_id', sa.Integer(), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.CheckConstraint('country_id IS NULL OR organization_id IS NULL', name=op.f('ck_call_participants_one_party')),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_call_participants_call_id_calls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_call_participants_country_id_countries')),
    sa.ForeignKeyConstraint(['leader_id'], ['leaders.id'], name=op.f('fk_call_participants_leader_id_leaders'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_call_participants_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call_participants'))
    )
    op.create_index(op.f('ix_call_participants_call_id'), 'call_participants', ['call_id'])
    op.create_index(op.f('ix_call_participants_leader_id'), 'call_participants', ['leader_id'])
    op.create_table('call_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('date_text', sa.String(length=300), nullable=True),
    sa.CheckConstraint('"start" >= 0 AND "end" >= "start"', name=op.f('ck_call_sources_span')),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_call_sources_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_call_sources_call_id_calls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call_sources')),
    sa.UniqueConstraint('call_id', 'article_id', 'start', name=op.f('uq_call_sources_call_id_article_id_start'))
    )
    op.create_index(op.f('ix_call_sources_article_id'), 'call_sources', ['article_id'])
    op.create_table('commitments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('speaker_id', sa.Integer(), nullable=True),
    sa.Column('speaker_name', sa.String(length=300), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text_start', sa.Integer(), nullable=False),
    sa.Column('text_end', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('pledge', 'proposal', 'agreement', 'support', 'opposition')", name=op.f('ck_commitments_kind')),
    sa.CheckConstraint('"start" >= 0 AND "end" >= "start"', name=op.f('ck_commitments_span')),
    sa.CheckConstraint('"text_start" >= 0 AND "text_end" >= "text_start"', name=op.f('ck_commitments_text_span')),
    sa.ForeignKeyConstraint(['actor_id'], ['countries.id'], name=op.f('fk_commitments_actor_id_countries')),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_commitments_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_commitments_call_id_calls'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['speaker_id'], ['leaders.id'], name=op.f('fk_commitments_speaker_id_leaders'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitments'))
    )
    op.create_index('ix_commitments_actor_id_date', 'commitments', ['actor_id', 'date'])
    op.create_index(op.f('ix_commitments_article_id'), 'commitments', ['article_id'])
    op.create_index(op.f('ix_commitments_call_id'), 'commitments', ['call_id'])
    op.create_index('ix_commitments_kind_date', 'commitments', ['kind', 'date'])
    op.create_index(op.f('ix_commitments_speaker_id'), 'commitments', ['speaker_id'])
    op.create_table('leader_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('leader_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['leader_id'], ['leaders.id'], name=op.f('fk_leader_aliases_leader_id_leaders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leader_aliases')),
    sa.UniqueConstraint('leader_id', 'alias', name=op.f('uq_leader_aliases_leader_id_alias'))
    )
    op.create_table('terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('leader_id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('office', sa.String(length=300), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('source', sa.String(length=16), server_default='seed', nullable=False),
    sa.CheckConstraint("source IN ('seed', 'article')", name=op.f('ck_terms_source')),
    sa.CheckConstraint('country_id IS NULL OR organization_id IS NULL', name=op.f('ck_terms_one_party')),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_terms_dates')),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_terms_country_id_countries')),
    sa.ForeignKeyConstraint(['leader_id'], ['leaders.id'], name=op.f('fk_terms_leader_id_leaders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_terms_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_terms'))
    )
    op.create_index('ix_terms_country_id_start_date', 'terms', ['country_id', 'start_date'])
    op.create_index(op.f('ix_terms_leader_id'), 'terms', ['leader_id'])
    op.create_index(op.f('ix_terms_organization_id'), 'terms', ['organization_id'])
    op.create_table('commitment_counterparts',
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_commitment_counterparts_commitment_id_commitments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_commitment_counterparts_country_id_countries')),
    sa.PrimaryKeyConstraint('commitment_id', 'country_id', name=op.f('pk_commitment_counterparts'))
    )
    op.create_index('ix_commitment_counterparts_country_id_commitment_id', 'commitment_counterparts', ['country_id', 'commitment_id'])
    op.create_table('commitment_topics',
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_commitment_topics_commitment_id_commitments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topics.id'], name=op.f('fk_commitment_topics_topic_id_topics'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('commitment_id', 'topic_id', name=op.f('pk_commitment_topics'))
    )
    op.create_index('ix_commitment_topics_topic_id_commitment_id', 'commitment_topics', ['topic_id', 'commitment_id'])


def downgrade() -> None:
    op.drop_table('commitment_topics')
    op.drop_table('commitment_counterparts')
    op.drop_table('terms')
    op.drop_table('leader_aliases')
    op.drop_table('commitments')
    op.drop_table('call_sources')
    op.drop_table('call_participants')
    op.drop_table('call_countries')
    op.drop_table('article_leaders')
    op.drop_table('topic_aliases')
    op.drop_table('partnerships')
    op.drop_table('organization_aliases')
    op.drop_table('leaders')
    op.drop_table('country_aliases')
    op.drop_table('calls')
    op.drop_table('topics')
    op.drop_table('organizations')
    op.drop_table('countries')
    op.drop_table('articles')
